global using RdsCal.Tests;

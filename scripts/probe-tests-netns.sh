#!/bin/sh
# Runs the probe's network tests inside a network namespace of their own (loopback only, no resolver), so nothing
# they do can leave the machine. Needs unprivileged user namespaces (unshare -r). Build the test projects first.
set -eu
cd "$(dirname "$0")/.."
exec unshare -rn sh -c '
  ip link set lo up
  dotnet test tests/RdsCal.Licensing.Tests -c Release --no-build --filter "FullyQualifiedName~RdsCal.Licensing.Tests.Probes"
  dotnet test tests/RdsCal.Cli.Tests -c Release --no-build --filter "FullyQualifiedName~ProbeCommandTests"
'

// Reads which RDS licensing mode a machine's registry puts in effect, and who set it, through the
// RdsCal.Licensing package. Usage: ReadLicensingMode SYSTEM [SOFTWARE] (hive files or .reg exports).
using RdsCal.Licensing;
using RdsCal.Licensing.Sources;

if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: ReadLicensingMode SYSTEM [SOFTWARE]");
    return 2;
}

using var machine = MachineRegistry.Open(args[0], args.ElementAtOrDefault(1));
var mode = StatusReport.Create(machine).Snapshot.Mode;
Console.WriteLine($"Licensing mode: {mode.Effective} (set by: {mode.Source})");
if (mode.From is not null)
{
    Console.WriteLine($"Read from: {mode.From.Path}");
}
return 0;

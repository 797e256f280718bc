using System.CommandLine;
using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Sources;

namespace RdsCal.Cli.Commands;

/// <summary>The --system/--software options every machine command shares, and how they become a machine.</summary>
internal static class MachineOptions
{
    public static Option<FileInfo?> System() => new("--system") { HelpName = "FILE", Description = "SYSTEM hive file or .reg export (detected by content). Without --system/--software, the live registry on Windows." };

    public static Option<FileInfo?> Software() => new("--software") { HelpName = "FILE", Description = "SOFTWARE hive file or .reg export (policy, role, client license store)." };

    public static Option<FileInfo?> Security() => new("--security") { HelpName = "FILE", Description = "SECURITY hive file or .reg export: domain membership from the LSA policy (otherwise it is unknown)." };

    public static Option<FileInfo[]> PolicyFiles() => new("--gpo")
    {
        HelpName = "FILE.pol",
        Description = "A Group Policy Registry.pol (Machine) file to apply over SOFTWARE's policies, as the next policy refresh would; repeat in GPO order.",
        AllowMultipleArgumentsPerToken = false,
        // Without it System.CommandLine makes the empty default with Array.CreateInstance, reflection that costs
        // NativeAOT a type lookup at every start.
        DefaultValueFactory = _ => [],
    };

    public static MachineRegistry OpenMachine(FileInfo? system, FileInfo? software, FileInfo[]? policyFiles = null, FileInfo? security = null) =>
        new MachineLocation(system?.FullName, software?.FullName)
        {
            PolicyFiles = policyFiles?.Select(f => f.FullName).ToList() ?? [],
            SecurityPath = security?.FullName,
        }.Open();
}

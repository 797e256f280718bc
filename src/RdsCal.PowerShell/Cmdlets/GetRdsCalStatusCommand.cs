using System.Management.Automation;
using RdsCal.Licensing;
using RdsCal.Licensing.Sources;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// <c>Get-RdsCalStatus</c>: which licensing mode and license servers are in effect and who set them, the grace
/// period, the client license store, and what to fix. Reads hive files or .reg exports, machine folders from
/// the pipeline (<c>Get-ChildItem machines | Get-RdsCalStatus</c>), or the live registry on Windows.
/// </summary>
[Cmdlet(VerbsCommon.Get, "RdsCalStatus", DefaultParameterSetName = "Files")]
[OutputType(typeof(RdsCalStatus))]
public sealed class GetRdsCalStatusCommand : MachineCmdlet
{
    /// <summary>Machine folders, each holding SYSTEM and/or SOFTWARE (hive, .reg or gzipped) and optional .pol files.</summary>
    [Parameter(ParameterSetName = "Folder", Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == "Folder")
        {
            foreach (string folder in Path)
            {
                ReadFolder(FileSystemPath(folder));
            }
            return;
        }
        try
        {
            using var machine = OpenMachine();
            string name = IsLive ? Environment.MachineName : FolderName(SystemHive ?? SoftwareHive ?? PolicyFile![0]);
            WriteObject(new RdsCalStatus(name, StatusReport.Create(machine, LiveGraceDays(machine))));
        }
        catch (Exception e) when (InputErrors.IsInputFailure(e))
        {
            WriteError(InputErrors.From(e, SystemHive ?? SoftwareHive));
        }
    }

    // One machine per folder; an unreadable one is a non-terminating error so the others still read.
    private void ReadFolder(string folder)
    {
        try
        {
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"{folder}: no such folder");
            }
            var files = new DirectoryInfo(folder).GetFiles();
            string? Find(string hive) => files
                .Where(f => string.Equals(HiveName(f), hive, StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f.Extension.Length)
                .Select(f => f.FullName)
                .FirstOrDefault();
            string? system = Find("SYSTEM"), software = Find("SOFTWARE");
            var policies = files.Where(f => f.Extension.Equals(".pol", StringComparison.OrdinalIgnoreCase)).Select(f => f.FullName).Order(StringComparer.Ordinal).ToList();
            if (system is null && software is null && policies.Count == 0)
            {
                throw new InvalidDataException($"{folder}: no SYSTEM, SOFTWARE or .pol file in the folder");
            }
            using var machine = MachineRegistry.Open(system, software, policies);
            WriteObject(new RdsCalStatus(System.IO.Path.GetFileName(folder.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar)), StatusReport.Create(machine)));
        }
        catch (Exception e) when (InputErrors.IsInputFailure(e))
        {
            WriteError(InputErrors.From(e, folder));
        }
    }

    // SYSTEM, SYSTEM.reg, SYSTEM.gz, SYSTEM.reg.gz (any letter case) name the SYSTEM hive; likewise SOFTWARE.
    private static string? HiveName(FileInfo f)
    {
        bool hiveLike = f.Extension.Length == 0 || f.Extension.Equals(".reg", StringComparison.OrdinalIgnoreCase) || f.Extension.Equals(".gz", StringComparison.OrdinalIgnoreCase);
        if (!hiveLike)
        {
            return null;
        }
        string stem = System.IO.Path.GetFileNameWithoutExtension(f.Name);
        if (stem.EndsWith(".reg", StringComparison.OrdinalIgnoreCase))
        {
            stem = stem[..^4];
        }
        return stem.Equals("SYSTEM", StringComparison.OrdinalIgnoreCase) || stem.Equals("SOFTWARE", StringComparison.OrdinalIgnoreCase) ? stem : null;
    }

    private string FolderName(string file) =>
        System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(FileSystemPath(file))) ?? file;
}

using System.Management.Automation;
using RdsCal.Licensing.Live;
using RdsCal.Licensing;
using RdsCal.Licensing.Fleet;
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

    /// <summary>
    /// Event logs (.evtx or .evtx.gz files, or folders of them) whose licensing events join the findings, as
    /// <c>rdscal status --events</c> does: a finding whose event was logged shows it, and events no registry setting
    /// explains become findings. Live, the last 30 days of this machine's log are read without it.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? EventPath { get; set; }

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
            var live = LiveQueries.ThisMachine();
            WriteObject(new RdsCalStatus(name, WithEvents(StatusReport.Gather(machine, live), live)));
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
            WriteObject(new RdsCalStatus(System.IO.Path.GetFileName(folder.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar)), WithEvents(MachineFolderReader.Read(folder), LiveQueries.ThisMachine())));
        }
        catch (Exception e) when (InputErrors.IsInputFailure(e))
        {
            WriteError(InputErrors.From(e, folder));
        }
    }

    // The one library operation behind status --events; where the live event log cannot be read the report says so
    // (EventLog.Note) and is otherwise as without events, so a warning says it too.
    private StatusReport WithEvents(StatusReport report, LiveQueries live)
    {
        var joined = report.WithEvents([.. (EventPath ?? []).Select(FileSystemPath)], live.EventLog, DateTime.UtcNow);
        if (joined.EventLog is { Read: false } log)
        {
            WriteWarning(log.Note);
        }
        return joined;
    }

    private string FolderName(string file) =>
        System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(FileSystemPath(file))) ?? file;
}

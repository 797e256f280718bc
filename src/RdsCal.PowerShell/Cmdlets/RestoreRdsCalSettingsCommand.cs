using System.Management.Automation;
using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Plans;
using RdsCal.Registry.RegText;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// <c>Restore-RdsCalSettings -Path backup.reg</c>: makes the keys in a backup exactly as it holds them, through a
/// change set that is previewable, backed up, journalled and undoable.
/// </summary>
[Cmdlet(VerbsData.Restore, "RdsCalSettings", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Files")]
[OutputType(typeof(HistoryItem))]
public sealed class RestoreRdsCalSettingsCommand : ChangeCmdlet
{
    /// <summary>A backup written by Backup-RdsCalSettings or rdscal backup (or any .reg export of HKEY_LOCAL_MACHINE keys).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        string backup = FileSystemPath(Path);
        Guard(backup, () =>
        {
            var doc = RegTextReader.Load(backup);
            Change($"Restore {System.IO.Path.GetFileName(backup)}", (machine, _) => LicensingPlanner.Restore(machine.Root, doc, $"restore {System.IO.Path.GetFileName(backup)}"), [backup]);
        });
    }
}

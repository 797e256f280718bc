using System.Management.Automation;
using RdsCal.Licensing.Plans;
using RdsCal.Licensing.Changes;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// <c>Backup-RdsCalSettings</c>: every licensing-related key (RCM, TermService and TermServLicensing
/// parameters, policy, MSLicensing, RDS role) written to a byte-exact .reg file. Nothing in the registry changes.
/// </summary>
[Cmdlet(VerbsData.Backup, "RdsCalSettings", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = "Files")]
[OutputType(typeof(FileInfo))]
public sealed class BackupRdsCalSettingsCommand : MachineCmdlet
{
    /// <summary>The .reg file to write (default rdscal-backup-TIMESTAMP.reg in the current location); never overwritten.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        try
        {
            using var machine = OpenMachine();
            string path = Path is null
                ? LicensingBackup.NewFilePath(SessionState.Path.CurrentFileSystemLocation.ProviderPath)
                : FileSystemPath(Path);
            if (File.Exists(path))
            {
                ThrowTerminatingError(new ErrorRecord(new IOException($"{path} already exists; a backup never overwrites a file"), "BackupExists", ErrorCategory.ResourceExists, path));
            }
            var keys = LicensingPlanner.LicensingKeys(machine);
            if (!ShouldProcess(path, $"Write a .reg backup of {keys.Count} licensing key tree(s)"))
            {
                return;
            }
            LicensingBackup.Write(machine, path);
            WriteObject(new FileInfo(path));
        }
        catch (Exception e) when (InputErrors.IsInputFailure(e))
        {
            ThrowTerminatingError(InputErrors.From(e, SystemHive ?? SoftwareHive));
        }
    }
}

using System.Management.Automation;
using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Sources;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// The inputs every machine cmdlet shares: <c>-SystemHive</c>, <c>-SoftwareHive</c> (hive files or .reg
/// exports, detected by content) and <c>-PolicyFile</c>; with none of them, the live registry on Windows.
/// </summary>
public abstract class MachineCmdlet : PSCmdlet
{
    /// <summary>The SYSTEM hive file or .reg export.</summary>
    [Parameter(ParameterSetName = "Files")]
    [ValidateNotNullOrEmpty]
    public string? SystemHive { get; set; }

    /// <summary>The SOFTWARE hive file or .reg export (policy, role, client license store).</summary>
    [Parameter(ParameterSetName = "Files")]
    [ValidateNotNullOrEmpty]
    public string? SoftwareHive { get; set; }

    /// <summary>Group Policy Registry.pol (Machine) files applied over SOFTWARE's policies, in GPO order.</summary>
    [Parameter(ParameterSetName = "Files")]
    [ValidateNotNullOrEmpty]
    public string[]? PolicyFile { get; set; }

    /// <summary>True when no input file was given, so the cmdlet works on the live registry.</summary>
    protected bool IsLive => SystemHive is null && SoftwareHive is null && PolicyFile is not { Length: > 0 };

    /// <summary>A path as the file system sees it, resolved against PowerShell's current location.</summary>
    protected string FileSystemPath(string path) => GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>The SYSTEM and SOFTWARE inputs the parameters name, as file system paths (none: live).</summary>
    protected MachineLocation Named() =>
        new(SystemHive is null ? null : FileSystemPath(SystemHive), SoftwareHive is null ? null : FileSystemPath(SoftwareHive));

    /// <summary>Opens the machine the parameters name (through the library's <see cref="MachineLocation.Open"/>); live use off Windows is a terminating error.</summary>
    protected MachineRegistry OpenMachine()
    {
        var location = Named() with { PolicyFiles = (PolicyFile ?? []).Select(FileSystemPath).ToList() };
        try
        {
            return location.Open();
        }
        catch (LiveRegistryUnavailableException e)
        {
            ThrowTerminatingError(new ErrorRecord(
                new PlatformNotSupportedException("Reading the live registry needs Windows: give -SystemHive and/or -SoftwareHive (hive files or .reg exports).", e),
                "LiveRegistryNeedsWindows", ErrorCategory.InvalidOperation, null));
            throw;
        }
        catch (FileNotFoundException e)
        {
            ThrowTerminatingError(InputErrors.From(e, e.FileName));
            throw;
        }
    }
}

using System.Management.Automation;
using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Plans;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// <c>Set-RdsCalLicenseServer -Name ...</c>: sets the license servers the session host asks, in order
/// (Parameters\LicenseServers\SpecifiedLicenseServers), refusing when Group Policy would override them unless
/// <c>-Policy</c> writes the local policy value instead.
/// </summary>
[Cmdlet(VerbsCommon.Set, "RdsCalLicenseServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Files")]
[OutputType(typeof(HistoryItem))]
public sealed class SetRdsCalLicenseServerCommand : ChangeCmdlet
{
    /// <summary>License servers in the order to ask them: DNS names, IPv4 or IPv6 addresses.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    /// <summary>Write the local Group Policy value (LicenseServers, comma-separated) instead of SpecifiedLicenseServers.</summary>
    [Parameter]
    public SwitchParameter Policy { get; set; }

    /// <summary>Also remove license server lists in shapes current Windows does not read.</summary>
    [Parameter]
    public SwitchParameter RemoveLegacy { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing() =>
        Change($"Set the license servers to {string.Join(", ", Name)}", (machine, snapshot) => LicensingPlanner.SetServers(machine, snapshot, Name, Policy.IsPresent, RemoveLegacy.IsPresent));
}

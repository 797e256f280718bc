using System.Management.Automation;
using RdsCal.Licensing;
using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Plans;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// <c>Set-RdsCalMode -Mode PerUser|PerDevice</c>: sets the RD Session Host licensing mode (RCM\Licensing Core\LicensingMode),
/// refusing when Group Policy would override it unless <c>-Policy</c> writes the local policy value instead.
/// </summary>
[Cmdlet(VerbsCommon.Set, "RdsCalMode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Files")]
[OutputType(typeof(HistoryItem))]
public sealed class SetRdsCalModeCommand : ChangeCmdlet
{
    /// <summary>PerUser or PerDevice.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet("PerUser", "PerDevice")]
    public string Mode { get; set; } = string.Empty;

    /// <summary>Write the local Group Policy value (SOFTWARE\Policies\…\LicensingMode) instead of the server setting.</summary>
    [Parameter]
    public SwitchParameter Policy { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var mode = Mode == "PerUser" ? LicensingMode.PerUser : LicensingMode.PerDevice;
        Change($"Set the licensing mode to {mode}", (machine, snapshot) => LicensingPlanner.SetMode(machine, snapshot, mode, Policy.IsPresent));
    }
}

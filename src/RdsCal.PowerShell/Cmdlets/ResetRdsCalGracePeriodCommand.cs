using System.Management.Automation;
using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Plans;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// <c>Reset-RdsCalGracePeriod</c>: deletes the grace-period timebomb (RCM\GracePeriod).
/// Refused unless <c>-Lab</c>: Microsoft does not recommend a reset, and with a license server the grace period no longer matters.
/// </summary>
[Cmdlet(VerbsCommon.Reset, "RdsCalGracePeriod", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Files")]
[OutputType(typeof(HistoryItem))]
public sealed class ResetRdsCalGracePeriodCommand : ChangeCmdlet
{
    /// <summary>Mark the host as an evaluation lab; the reset is refused without it.</summary>
    [Parameter]
    public SwitchParameter Lab { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing() =>
        Change("Reset the grace period", (machine, snapshot) => LicensingPlanner.ResetGracePeriod(machine, snapshot, Lab.IsPresent));
}

using System.Management.Automation;
using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Plans;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// <c>Reset-RdsCalClientStore</c>: backs up and deletes the client license store (HKLM\SOFTWARE\Microsoft\MSLicensing)
/// of a connecting client. Refused on an RD Session Host unless <c>-Force</c>.
/// </summary>
[Cmdlet(VerbsCommon.Reset, "RdsCalClientStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Files")]
[OutputType(typeof(HistoryItem))]
public sealed class ResetRdsCalClientStoreCommand : ChangeCmdlet
{
    /// <inheritdoc />
    protected override void EndProcessing() =>
        Change("Reset the client license store", (machine, snapshot) => LicensingPlanner.ResetClientStore(machine, snapshot, Force.IsPresent));
}

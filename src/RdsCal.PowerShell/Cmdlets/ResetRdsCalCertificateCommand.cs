using System.Management.Automation;
using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Plans;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// <c>Reset-RdsCalCertificate</c>: backs up and deletes the RCM licensing certificate values (the fix for licensing
/// protocol errors, events 1003 and 1004); Windows recreates them after the host restarts.
/// </summary>
[Cmdlet(VerbsCommon.Reset, "RdsCalCertificate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Files")]
[OutputType(typeof(HistoryItem))]
public sealed class ResetRdsCalCertificateCommand : ChangeCmdlet
{
    /// <inheritdoc />
    protected override void EndProcessing() =>
        Change("Reset the RCM licensing certificates", LicensingPlanner.ResetCertificates);
}

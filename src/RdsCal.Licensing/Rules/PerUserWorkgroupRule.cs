using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS004: Per User mode without a known domain: Per User CALs are tracked in Active Directory.</summary>
public sealed class PerUserWorkgroupRule : DiagnosticRule
{
    /// <inheritdoc />
    public override string Code => "RDS004";
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "Per User licensing on a host that may not be in a domain";
    /// <inheritdoc />
    public override string Remedy => "Per User CALs are issued and tracked through Active Directory and are not enforced; in a workgroup use Per Device mode, or join the host and license server to a domain.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "Check the host's domain membership (System properties, or 'systeminfo | findstr Domain').",
        "In a workgroup, switch to Per Device: 'rdscal set-mode per-device', and install Per Device CALs on the license server.",
        "In a domain, make sure the license server is in the 'Terminal Server License Servers' group so it can write the users' msTS* attributes (event 4105).",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters\Domain"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Mode.Effective != LicensingMode.PerUser || snapshot.Host.IsDomainJoined == true)
        {
            yield break;
        }
        string state = snapshot.Host.IsDomainJoined == false ? "no domain is recorded (workgroup)" : "domain membership is unknown from this registry";
        yield return Found($"The mode is Per User but {state}: Per User CALs are not enforced and are tracked only in Active Directory.",
            $"{snapshot.Mode.From?.Path} = {snapshot.Mode.Raw}", $"{LicensingPathsText.ControlSet(snapshot, LicensingPaths.TcpipParameters)}\\Domain = {snapshot.Host.Domain ?? "(unknown)"}");
    }
}

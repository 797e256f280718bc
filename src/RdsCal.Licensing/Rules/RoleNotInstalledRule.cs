using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS009: the host is not an RD Session Host, so CAL licensing does not apply.</summary>
public sealed class RoleNotInstalledRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.RoleNotInstalled;
    /// <inheritdoc />
    public override Severity Severity => Severity.Info;
    /// <inheritdoc />
    public override string Title => "Not an RD Session Host: RDS CAL licensing does not apply";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.MachineRead;
    /// <inheritdoc />
    public override string Remedy => RemedyTargets.Prefix(AppliesTo)
        + "nothing to fix for administration use (without the role, two concurrent admin connections need no CALs). To host user sessions, install the Remote Desktop Session Host role, then configure mode and license servers.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "For remote administration only, no CALs or license server are needed.",
        "To serve users, install the role on this machine (Install-WindowsFeature RDS-RD-Server), then configure the licensing mode and license servers.",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.AzureNoLicenseServer("'reg query ...\\ServerComponentCache\\RDS-RD-Server /v InstallState': 0 means the role is disabled; without the role RDP allows two concurrent connections"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SOFTWARE\Microsoft\ServerManager\ServicingStorage\ServerComponentCache\RDS-RD-Server\InstallState", @"HKLM\SYSTEM\CurrentControlSet\Control\ProductOptions\ProductType"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Host.IsSessionHost != false)
        {
            yield break;
        }
        string why = snapshot.Host.RdsRoleInstallState is { } s
            ? $"RDS-RD-Server InstallState = {s}"
            : $"ProductType = {snapshot.Host.ProductType} (a workstation)";
        yield return Found($"This host is not an RD Session Host ({why}); licensing mode {snapshot.Mode.Effective.Name()} and license servers do not matter here.", why);
    }
}

using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS001: the licensing mode is not configured on a session host.</summary>
public sealed class ModeNotConfiguredRule : DiagnosticRule
{
    /// <inheritdoc />
    public override string Code => "RDS001";
    /// <inheritdoc />
    public override Severity Severity => Severity.Error;
    /// <inheritdoc />
    public override string Title => "The Remote Desktop licensing mode is not configured";
    /// <inheritdoc />
    public override string Remedy => "Set the mode to Per User or Per Device: 'rdscal set-mode per-user' (or per-device), or the Group Policy 'Set the Remote Desktop licensing mode'.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "Decide the CAL type you own: Per User (tracked in Active Directory) or Per Device.",
        "Set it: 'rdscal set-mode per-user|per-device' writes RCM\\Licensing Core\\LicensingMode; or set Group Policy > Computer Configuration > Administrative Templates > Windows Components > Remote Desktop Services > Remote Desktop Session Host > Licensing > 'Set the Remote Desktop licensing mode'.",
        "Point the host at a license server too (see RDS002).",
        "Restart the Remote Desktop Services service or reboot (a restart drops every session); run gpupdate /force after a policy change.",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server\RCM\Licensing Core\LicensingMode", @"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\LicensingMode"];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [1068, 1069];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages =>
    [
        "The RD Licensing mode has not been configured",
        "the licensing mode for the Remote Desktop Session Host server is not configured",
        "The Remote Desktop trial period has expired",
        "Licenses are not available for this Remote Desktop Session Host server",
    ];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.SystemKnown || snapshot.Host.IsSessionHost == false)
        {
            yield break;
        }
        var mode = snapshot.Mode;
        if (mode.Effective is LicensingMode.NotConfigured or LicensingMode.Unknown)
        {
            string evidence = mode.From is null ? "no LicensingMode value in policy or RCM\\Licensing Core" : $"{mode.From.Path} = {mode.Raw}";
            string grace = snapshot.GracePeriod.TimebombPresent ? " The grace period is running: once it ends, connections are refused (event 1069)." : string.Empty;
            yield return Found($"The licensing mode is {mode.Effective}{(mode.Raw is { } r ? $" (raw {r})" : string.Empty)}: the host cannot request CALs.{grace}", evidence);
        }
    }
}

using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS001: the licensing mode is not configured on a session host.</summary>
public sealed class ModeNotConfiguredRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.ModeNotConfigured;
    /// <inheritdoc />
    public override Severity Severity => Severity.Error;
    /// <inheritdoc />
    public override string Title => "The Remote Desktop licensing mode is not configured";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.SessionHost;
    /// <inheritdoc />
    public override string Remedy => RemedyText.ToString();
    /// <inheritdoc />
    public override RemedyText RemedyText => RemedyTargets.Prefix(AppliesTo)
        + RemedyText.Of($"set the mode to Per User or Per Device to match the CALs installed on the license server: '{Mentions.SetMode(LicensingMode.PerUser)}' (or per-device), or the Group Policy 'Set the Remote Desktop licensing mode'.");
    /// <inheritdoc />
    public override RemedyAction Action => RemedyAction.SetMode();
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps => [.. StepTexts.Select(s => s.ToString())];
    /// <inheritdoc />
    public override IReadOnlyList<RemedyText> StepTexts =>
    [
        RemedyText.Plain("Decide the CAL type you own: Per User or Per Device (in a workgroup only Per Device is permitted)."),
        RemedyText.Of($"On the RD Session Host: '{Mentions.EitherMode}' writes RCM\\Licensing Core\\LicensingMode; or set Group Policy > Computer Configuration > Administrative Templates > Windows Components > Remote Desktop Services > Remote Desktop Session Host > Licensing > 'Set the Remote Desktop licensing mode'."),
        RemedyText.Plain($"Point the host at a license server too (see {RuleCode.NoLicenseServer})."),
        RemedyText.Plain("Restart the Remote Desktop Services service or reboot (a restart drops every session); run gpupdate /force after a policy change."),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.LicenseSessionHosts("the mode is Per User or Per Device, set in Server Manager (with a Connection Broker) or by the policy 'Set the Remote Desktop licensing mode'; workgroup servers must use Per Device"),
        LearnPages.TroubleshootingGuidance("where the mode is stored (RCM\\Licensing Core\\LicensingMode, and the policy value LicensingMode, which wins)"),
        LearnPages.NoLicenseServersAvailable("the RD Licensing Diagnoser message 'Licenses are not available for this Remote Desktop Session Host server' (the page does not tie it to the mode; the wording 'licensing mode ... is not configured' is not on it)"),
        LearnPages.Event1069("event 1069: the grace period has expired and the licensing mode has not been configured; set the mode on the RD Session Host"),
        LearnPages.TermsrvMessageTable("event 1068 'The RD Licensing mode has not been configured.' and event 1069, in termsrv.dll's own words"),
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
            string grace = snapshot.GracePeriod.State switch
            {
                GraceState.DaysLeft => $" The grace period has {snapshot.GracePeriod.DaysLeft} day(s) left (WMI): once it ends, connections are refused (event 1069).",
                GraceState.Ended => " The grace period is over (WMI): connections are refused (event 1069).",
                GraceState.TimebombPresent => " A grace-period timebomb is present (its date cannot be read offline): once the grace period ends, connections are refused (event 1069).",
                _ => string.Empty,
            };
            yield return Found($"The licensing mode is {mode.Effective.Name()}{(mode.Raw is { } r ? $" (raw {r})" : string.Empty)}: the host cannot request CALs.{grace}", evidence);
        }
    }
}

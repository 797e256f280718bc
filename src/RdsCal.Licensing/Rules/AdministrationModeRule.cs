using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS016: an RD Session Host whose licensing mode is 0 (Personal) or 1 (Remote Desktop for Administration).</summary>
public sealed class AdministrationModeRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.AdministrationMode;
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "An RD Session Host is in Personal or Remote Administration licensing mode";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.SessionHost;
    /// <inheritdoc />
    public override string Remedy => RemedyText.ToString();
    /// <inheritdoc />
    public override RemedyText RemedyText => RemedyTargets.Prefix(AppliesTo)
        + RemedyText.Of($"set the mode to the CAL type installed on the license server: '{Mentions.SetMode(LicensingMode.PerUser)}' or '{Mentions.SetMode(LicensingMode.PerDevice)}' (or the Group Policy 'Set the Remote Desktop licensing mode'). Microsoft documents only Per Device (2) and Per User (4) as valid for application servers.");
    /// <inheritdoc />
    public override RemedyAction Action => RemedyAction.SetMode();
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps => [.. StepTexts.Select(s => s.ToString())];
    /// <inheritdoc />
    public override IReadOnlyList<RemedyText> StepTexts =>
    [
        RemedyText.Plain("Check that the RD Session Host role is meant to be installed (if the host is only administered remotely, remove the role instead)."),
        RemedyText.Of($"On the RD Session Host: '{Mentions.EitherMode}' (or the policy, if Group Policy sets the mode)."),
        RemedyText.Plain("Restart the Remote Desktop Services service or reboot (a restart drops every session)."),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.ChangeMode("LicensingType 0 = Personal RD Session Host server, 1 = Remote desktop for administration, 2 = Per device and 4 = Per User, 'Valid for application servers'"),
        LearnPages.LicenseSessionHosts("a session host's licensing mode is Per User or Per Device"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server\RCM\Licensing Core\LicensingMode", @"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\LicensingMode"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Host.IsSessionHost != true)
        {
            yield break;
        }
        var mode = snapshot.Mode;
        if (mode.Effective is LicensingMode.PersonalTerminalServer or LicensingMode.RemoteAdministration)
        {
            yield return Found($"The RD Session Host role is installed but the licensing mode is {mode.Effective.Name()} (raw {mode.Raw}): Microsoft documents only Per Device and Per User as valid for application servers, so the host is not set to request RDS CALs.",
                $"{mode.From!.Path} = {mode.Raw}", $"RDS-RD-Server InstallState = {snapshot.Host.RdsRoleInstallState}");
        }
    }
}

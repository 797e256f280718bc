using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS003: Group Policy overrides the server's own mode or server list; both are shown.</summary>
public sealed class PolicyShadowsServerRule : DiagnosticRule
{
    /// <summary>Where both policies live in the Group Policy editor.</summary>
    internal const string GpoPath = "Computer Configuration > Administrative Templates > Windows Components > Remote Desktop Services > Remote Desktop Session Host > Licensing";

    /// <inheritdoc />
    public override RuleCode Code => RuleCode.PolicyShadowsServer;
    /// <inheritdoc />
    public override Severity Severity => Severity.Info;
    /// <inheritdoc />
    public override string Title => "Group Policy overrides the server's licensing settings";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.SessionHost;
    /// <inheritdoc />
    public override string Remedy => RemedyText.ToString();
    /// <inheritdoc />
    public override RemedyText RemedyText => RemedyTargets.Prefix(AppliesTo)
        + RemedyText.Of($"change the value in the Group Policy object that sets it ({GpoPath} > 'Set the Remote Desktop licensing mode' / 'Use the specified Remote Desktop license servers'), or with '{Mentions.ModeOrServers("/", policy: true)}' for local policy; Server Manager and the RCM/TermService values have no effect while the policy is set.");
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "On the RD Session Host, run 'gpresult /h report.html' to find the GPO that sets 'Set the Remote Desktop licensing mode' or 'Use the specified Remote Desktop license servers'.",
        $"Change it there, under {GpoPath}; Server Manager and RDMS cannot change a policy-set value.",
        "On the RD Session Host, run 'gpupdate /force' and restart the Remote Desktop Services service.",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.TroubleshootingGuidance("local or domain policy applies before the Server Manager (RDMS) setting, whose registry values are then not taken into account; the policy values LicenseServers and LicensingMode; gpresult"),
        LearnPages.LicenseSessionHosts("the Group Policy path of both policies"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Mode is { Source: SettingSource.Policy, Shadowed: { } shadowed } mode)
        {
            yield return Found($"Policy sets the licensing mode to {mode.Effective.Name()} (raw {mode.Raw}), shadowing the server setting {shadowed.Mode.Name()} (raw {shadowed.Raw}).",
                $"{mode.From!.Path} = {mode.Raw}", $"{shadowed.From.Path} = {shadowed.Raw} (ignored)");
        }
        if (snapshot.Servers is { Source: SettingSource.Policy, Shadowed: { } list } servers)
        {
            yield return Found($"Policy sets the license servers to [{string.Join(", ", servers.Effective)}], shadowing the server setting [{string.Join(", ", list)}].",
                $"{servers.From!.Path} = {string.Join(",", servers.Effective)}", $"{LicensingPathsText.LicenseServersValue(snapshot)} = {string.Join(";", list)} (ignored)");
        }
    }
}

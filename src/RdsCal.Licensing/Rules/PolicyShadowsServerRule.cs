using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS003: Group Policy overrides the server's own mode or server list; both are shown.</summary>
public sealed class PolicyShadowsServerRule : DiagnosticRule
{
    /// <inheritdoc />
    public override string Code => "RDS003";
    /// <inheritdoc />
    public override Severity Severity => Severity.Info;
    /// <inheritdoc />
    public override string Title => "Group Policy overrides the server's licensing settings";
    /// <inheritdoc />
    public override string Remedy => "Change the setting in the Group Policy object that sets it (or with 'rdscal set-mode/set-servers --policy' for local policy); changes in Server Manager or the RCM/TermService keys have no effect while the policy is set.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "Run 'gpresult /h report.html' on the host to find the GPO that sets 'Set the Remote Desktop licensing mode' or 'Use the specified Remote Desktop license servers'.",
        "Change it there; Server Manager and RDMS cannot change a policy-set value.",
        "Run 'gpupdate /force' and restart the Remote Desktop Services service.",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Mode is { Source: SettingSource.Policy, Shadowed: { } shadowed } mode)
        {
            yield return Found($"Policy sets the licensing mode to {mode.Effective} (raw {mode.Raw}), shadowing the server setting {shadowed.Mode} (raw {shadowed.Raw}).",
                $"{mode.From!.Path} = {mode.Raw}", $"{shadowed.From.Path} = {shadowed.Raw} (ignored)");
        }
        if (snapshot.Servers is { Source: SettingSource.Policy, Shadowed: { } list } servers)
        {
            yield return Found($"Policy sets the license servers to [{string.Join(", ", servers.Effective)}], shadowing the server setting [{string.Join(", ", list)}].",
                $"{servers.From!.Path} = {string.Join(",", servers.Effective)}", $"{LicensingPathsText.LicenseServersValue(snapshot)} = {string.Join(";", list)} (ignored)");
        }
    }
}

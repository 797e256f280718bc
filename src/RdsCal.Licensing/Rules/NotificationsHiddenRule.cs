using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS012: licensing problem notifications are hidden by policy.</summary>
public sealed class NotificationsHiddenRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.NotificationsHidden;
    /// <inheritdoc />
    public override Severity Severity => Severity.Info;
    /// <inheritdoc />
    public override string Title => "RD Licensing problem notifications are hidden by policy";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.SessionHost;
    /// <inheritdoc />
    public override string Remedy => RemedyTargets.Prefix(AppliesTo)
        + "nothing is broken, but administrators will not see licensing problem notifications on this host; read the Admin event log (TerminalServices-RemoteConnectionManager) instead, or disable the policy.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps => ["On the RD Session Host (or in the GPO that sets it), the policy 'Hide notifications about RD Licensing problems that affect the RD Session Host server' is enabled; disable it to see the notifications again."];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.SourceNotes("policy-values", "fDisableTerminalServerTooltip = 1 is the policy 'Hide notifications about RD Licensing problems that affect the RD Session Host server' (TS_LICENSE_TOOLTIP) [M: ADMX mirrors and GPO scripts]"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\fDisableTerminalServerTooltip"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var v = snapshot.Policies.FirstOrDefault(p => p.Name == "fDisableTerminalServerTooltip");
        if (v is not null && v.Display.StartsWith("0x00000001", StringComparison.Ordinal))
        {
            yield return Found("Licensing notifications are hidden by policy (fDisableTerminalServerTooltip = 1).", $"{v.From.Path} = 1");
        }
    }
}

using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS012: licensing problem notifications are hidden by policy.</summary>
public sealed class NotificationsHiddenRule : DiagnosticRule
{
    /// <inheritdoc />
    public override string Code => "RDS012";
    /// <inheritdoc />
    public override Severity Severity => Severity.Info;
    /// <inheritdoc />
    public override string Title => "RD Licensing problem notifications are hidden by policy";
    /// <inheritdoc />
    public override string Remedy => "Nothing is broken; but administrators will not see the grace-period countdown or licensing problems on this host. Check the Admin event log (TerminalServices-RemoteConnectionManager) instead.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps => ["Policy 'Hide notifications about RD Licensing problems that affect the RD Session Host server' is enabled; disable it to see the notifications again."];
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

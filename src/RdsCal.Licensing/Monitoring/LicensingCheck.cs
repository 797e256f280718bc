using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Monitoring;

/// <summary>A monitoring plugin state; the numbers are the exit codes of the Monitoring Plugins guidelines.</summary>
public enum CheckState
{
    /// <summary>0.</summary>
    Ok = 0,
    /// <summary>1.</summary>
    Warning = 1,
    /// <summary>2.</summary>
    Critical = 2,
    /// <summary>3: the check could not decide (unreadable input, bad arguments).</summary>
    Unknown = 3,
}

/// <summary>
/// A check result as data: the state (the exit code) and what it rests on. A front end words it (the CLI as a
/// Monitoring Plugins status line with performance data).
/// </summary>
/// <param name="State">The state.</param>
public sealed record CheckResult(CheckState State)
{
    /// <summary>Why the check could not decide (<see cref="CheckState.Unknown"/> only), else null.</summary>
    public string? Reason { get; init; }

    /// <summary>The findings, most severe first, then by code.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Number of error findings.</summary>
    public int Errors => Findings.Count(f => f.Severity == Severity.Error);

    /// <summary>Number of warning findings.</summary>
    public int Warnings => Findings.Count(f => f.Severity == Severity.Warning);

    /// <summary>The codes of the findings above info, each once, in <see cref="Findings"/> order.</summary>
    public IReadOnlyList<string> AlertCodes => [.. Findings.Where(f => f.Severity > Severity.Info).Select(f => f.Code).Distinct(StringComparer.Ordinal)];

    /// <summary>The licensing mode in effect.</summary>
    public LicensingMode Mode { get; init; }

    /// <summary>The license servers in effect.</summary>
    public IReadOnlyList<string> Servers { get; init; } = [];

    /// <summary>The grace period's days left (live WMI only), or null.</summary>
    public int? GraceDaysLeft { get; init; }

    /// <summary>Whether the days were compared with the thresholds (<see cref="LicensingCheck.GraceMatters"/>).</summary>
    public bool GraceMatters { get; init; }

    /// <summary>True when the running registry was read (where WMI could have given the days).</summary>
    public bool Live { get; init; }

    /// <summary>Days left at or below which the state is at least WARNING.</summary>
    public int WarnDays { get; init; }

    /// <summary>Days left at or below which the state is CRITICAL.</summary>
    public int CritDays { get; init; }
}

/// <summary>
/// A licensing status as a Nagios / Icinga / Checkmk check, after the Monitoring Plugins development
/// guidelines: error findings are CRITICAL and warnings WARNING. The grace period's days left (from WMI,
/// live hosts only) are compared with the thresholds only where the grace period matters: no license server in effect
/// while the mode needs one, or no mode configured. Microsoft: the grace period value "is decremented to 0 as soon as a
/// license server is configured" (RDS licensing troubleshooting guidance), so on a licensed host 0 days is healthy and
/// the state comes from the findings alone. Offline the days are not knowable.
/// </summary>
public static class LicensingCheck
{
    /// <summary>Evaluates a report.</summary>
    public static CheckResult Evaluate(StatusReport report, int warnDays, int critDays)
    {
        ArgumentNullException.ThrowIfNull(report);
        var findings = report.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Code, StringComparer.Ordinal).ToList();
        int errors = findings.Count(f => f.Severity == Severity.Error);
        int warnings = findings.Count(f => f.Severity == Severity.Warning);
        int? days = report.Snapshot.GracePeriod.DaysLeft;
        var state = errors > 0 ? CheckState.Critical : warnings > 0 ? CheckState.Warning : CheckState.Ok;
        bool graceMatters = GraceMatters(report.Snapshot);
        if (days is { } d && graceMatters)
        {
            var graceState = d <= critDays ? CheckState.Critical : d <= warnDays ? CheckState.Warning : CheckState.Ok;
            state = (CheckState)Math.Max((int)state, (int)graceState);
        }
        var s = report.Snapshot;
        return new CheckResult(state)
        {
            Findings = findings,
            Mode = s.Mode.Effective,
            Servers = s.Servers.Effective,
            GraceDaysLeft = days,
            GraceMatters = graceMatters,
            Live = s.IsLive,
            WarnDays = warnDays,
            CritDays = critDays,
        };
    }

    /// <summary>
    /// True when the grace period decides whether connections will be refused: the mode is not configured, or it needs
    /// a license server and none is in effect.
    /// </summary>
    public static bool GraceMatters(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var mode = snapshot.Mode.Effective;
        return mode is LicensingMode.NotConfigured or LicensingMode.Unknown
            || (mode.NeedsLicenseServer() && snapshot.Servers.Effective.Count == 0);
    }

    /// <summary>The UNKNOWN result for an input that cannot be read or an invalid invocation.</summary>
    public static CheckResult Unknown(string reason) => new(CheckState.Unknown) { Reason = reason };
}

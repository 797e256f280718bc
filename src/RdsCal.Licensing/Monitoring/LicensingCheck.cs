using System.Globalization;
using System.Text;
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

/// <summary>A check result: the state (the exit code) and the plugin output.</summary>
/// <param name="State">The state.</param>
/// <param name="Output">First line <c>RDS LICENSING STATE - summary | perfdata</c>, then one line per finding.</param>
public sealed record CheckResult(CheckState State, string Output);

/// <summary>
/// A licensing status as a Nagios / Icinga / Checkmk check, after the Monitoring Plugins development
/// guidelines: one status line with performance data (<c>label=value;warn;crit;min</c>), longer output on
/// the following lines. Error findings are CRITICAL and warnings WARNING. The grace period's days left (from WMI,
/// live hosts only) are compared with the thresholds only where the grace period matters: no license server in effect
/// while the mode needs one, or no mode configured. Microsoft: the grace period value "is decremented to 0 as soon as a
/// license server is configured" (RDS licensing troubleshooting guidance), so on a licensed host 0 days is healthy and
/// the state comes from the findings alone. Offline the days are not knowable, so <c>grace_days</c> is left out of the
/// performance data and the summary says so.
/// </summary>
public static class LicensingCheck
{
    private const string Service = "RDS LICENSING";

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
        var summary = new StringBuilder();
        summary.Append(CultureInfo.InvariantCulture, $"{errors} error(s), {warnings} warning(s)");
        var codes = findings.Where(f => f.Severity > Severity.Info).Select(f => f.Code).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count > 0)
        {
            summary.Append(" (").Append(string.Join(" ", codes)).Append(')');
        }
        summary.Append(CultureInfo.InvariantCulture, $"; mode {s.Mode.Effective.Name()}; servers {(s.Servers.Effective.Count == 0 ? "none" : string.Join(",", s.Servers.Effective))}");
        summary.Append(days is { } left
            ? string.Create(CultureInfo.InvariantCulture, $"; grace period {left} days left{(graceMatters ? string.Empty : " (not alerted on: a license server is in effect or the mode needs none)")}")
            : s.IsLive ? "; grace days unavailable (WMI gave no answer)" : "; grace days not known offline (only live WMI has them)");
        var perf = new StringBuilder();
        perf.Append(CultureInfo.InvariantCulture, $"errors={errors};;;0 warnings={warnings};;;0");
        if (days is { } g)
        {
            // Monitoring Plugins ranges: "N:" alerts below N, so "alert at N days or fewer" is (N+1):. A bare N would
            // mean "alert outside 0..N", the opposite (monitoring-plugins.org/doc/guidelines.html, threshold ranges).
            perf.Append(graceMatters
                ? string.Create(CultureInfo.InvariantCulture, $" grace_days={g};{warnDays + 1}:;{critDays + 1}:;0")
                : string.Create(CultureInfo.InvariantCulture, $" grace_days={g};;;0"));
        }
        var output = new StringBuilder();
        output.Append(CultureInfo.InvariantCulture, $"{Service} {Name(state)} - {Clean(summary.ToString())} | {perf}\n");
        foreach (var f in findings)
        {
            output.Append(CultureInfo.InvariantCulture, $"{f.Severity.ToString().ToUpperInvariant()} {f.Code}: {Clean(f.Message)}\n");
        }
        return new CheckResult(state, output.ToString());
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
    public static CheckResult Unknown(string reason) =>
        new(CheckState.Unknown, $"{Service} UNKNOWN - {Clean(reason)}\n");

    /// <summary>The state's name in the status line.</summary>
    public static string Name(CheckState state) => state switch
    {
        CheckState.Ok => "OK",
        CheckState.Warning => "WARNING",
        CheckState.Critical => "CRITICAL",
        _ => "UNKNOWN",
    };

    // '|' starts performance data and a line break ends the status line: neither may appear inside text.
    private static string Clean(string text) => text.Replace('|', '/').Replace('\r', ' ').Replace('\n', ' ');
}

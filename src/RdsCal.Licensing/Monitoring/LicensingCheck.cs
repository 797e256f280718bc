using System.Globalization;
using System.Text;
using RdsCal.Licensing.Rules;

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
/// the following lines. Error findings are CRITICAL and warnings WARNING; the grace period's days left
/// (from WMI, live hosts only) are compared with the thresholds. Offline the days are not knowable, so
/// <c>grace_days</c> is left out of the performance data and the summary says so.
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
        if (days is { } d)
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
            ? string.Create(CultureInfo.InvariantCulture, $"; grace period {left} days left")
            : s.IsLive ? "; grace days unavailable (WMI gave no answer)" : "; grace days not known offline (only live WMI has them)");
        var perf = new StringBuilder();
        perf.Append(CultureInfo.InvariantCulture, $"errors={errors};;;0 warnings={warnings};;;0");
        if (days is { } g)
        {
            perf.Append(CultureInfo.InvariantCulture, $" grace_days={g};{warnDays};{critDays};0");
        }
        var output = new StringBuilder();
        output.Append(CultureInfo.InvariantCulture, $"{Service} {Name(state)} - {Clean(summary.ToString())} | {perf}\n");
        foreach (var f in findings)
        {
            output.Append(CultureInfo.InvariantCulture, $"{f.Severity.ToString().ToUpperInvariant()} {f.Code}: {Clean(f.Message)}\n");
        }
        return new CheckResult(state, output.ToString());
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

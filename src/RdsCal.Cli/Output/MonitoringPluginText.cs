using System.Globalization;
using System.Text;
using RdsCal.Licensing;
using RdsCal.Licensing.Monitoring;

namespace RdsCal.Cli.Output;

/// <summary>
/// A check result as a Monitoring Plugins plugin prints it (monitoring-plugins.org/doc/guidelines.html): one status
/// line <c>RDS LICENSING STATE - summary | perfdata</c> with performance data (<c>label=value;warn;crit;min</c>), then one
/// line per finding. Offline the grace days are not knowable, so <c>grace_days</c> is left out of the performance data
/// and the summary says so.
/// </summary>
internal static class MonitoringPluginText
{
    private const string Service = "RDS LICENSING";

    public static string Format(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.State == CheckState.Unknown && result.Reason is { } reason)
        {
            return $"{Service} UNKNOWN - {Clean(reason)}\n";
        }
        var summary = new StringBuilder();
        summary.Append(CultureInfo.InvariantCulture, $"{result.Errors} error(s), {result.Warnings} warning(s)");
        var codes = result.AlertCodes;
        if (codes.Count > 0)
        {
            summary.Append(" (").Append(string.Join(" ", codes)).Append(')');
        }
        summary.Append(CultureInfo.InvariantCulture, $"; mode {result.Mode.Name()}; servers {(result.Servers.Count == 0 ? "none" : string.Join(",", result.Servers))}");
        summary.Append(result.GraceDaysLeft is { } left
            ? string.Create(CultureInfo.InvariantCulture, $"; grace period {left} days left{(result.GraceMatters ? string.Empty : " (not alerted on: a license server is in effect or the mode needs none)")}")
            : result.Live ? "; grace days unavailable (WMI gave no answer)" : "; grace days not known offline (only live WMI has them)");
        var perf = new StringBuilder();
        perf.Append(CultureInfo.InvariantCulture, $"errors={result.Errors};;;0 warnings={result.Warnings};;;0");
        if (result.GraceDaysLeft is { } g)
        {
            // Monitoring Plugins ranges: "N:" alerts below N, so "alert at N days or fewer" is (N+1):. A bare N would
            // mean "alert outside 0..N", the opposite (monitoring-plugins.org/doc/guidelines.html, threshold ranges).
            perf.Append(result.GraceMatters
                ? string.Create(CultureInfo.InvariantCulture, $" grace_days={g};{result.WarnDays + 1}:;{result.CritDays + 1}:;0")
                : string.Create(CultureInfo.InvariantCulture, $" grace_days={g};;;0"));
        }
        var output = new StringBuilder();
        output.Append(CultureInfo.InvariantCulture, $"{Service} {Name(result.State)} - {Clean(summary.ToString())} | {perf}\n");
        foreach (var f in result.Findings)
        {
            output.Append(CultureInfo.InvariantCulture, $"{f.Severity.ToString().ToUpperInvariant()} {f.Code}: {Clean(f.Message)}\n");
        }
        return output.ToString();
    }

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

using System.CommandLine;
using RdsCal.Licensing;
using RdsCal.Licensing.Live;

namespace RdsCal.Cli.Commands;

/// <summary><c>--events FILE|DIR</c> of <c>status</c> and <c>check</c>: what the event log shows, joined to the findings (<see cref="StatusReport.WithEvents"/>).</summary>
internal static class EventsOption
{
    public static Option<string[]> Create(string description) => new("--events")
    {
        HelpName = "FILE|DIR",
        Description = description,
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>
    /// The report with the events of the files given joined; with none, a live report reads this machine's last 30 days
    /// when <paramref name="liveByDefault"/> (status), while <c>check</c> reads events only when given files.
    /// </summary>
    public static StatusReport Apply(StatusReport report, string[]? files, bool liveByDefault)
    {
        if ((files is null || files.Length == 0) && !liveByDefault)
        {
            return report;
        }
        return report.WithEvents(files ?? [], LiveQueries.ThisMachine().EventLog, DateTime.UtcNow);
    }
}

using RdsCal.Licensing.Events;
using RdsCal.Licensing.Live;

namespace RdsCal.Licensing;

public sealed partial record StatusReport
{
    /// <summary>How far back a live status reads this machine's event log.</summary>
    public static TimeSpan LiveEventWindow { get; } = TimeSpan.FromDays(30);

    /// <summary>What was read of the event log, or null when none was asked for (offline without event files).</summary>
    public EventLogReading? EventLog { get; init; }

    /// <summary>
    /// The report with what the event log shows joined to its findings (<c>status --events</c>, <c>Get-RdsCalStatus
    /// -EventPath</c>): the licensing events of the .evtx files given (folders: their <c>*.evtx</c> and <c>*.evtx.gz</c>),
    /// else, for a live report, this machine's channels over the last <see cref="LiveEventWindow"/>; an offline report
    /// with no files is returned as it is. A finding whose event was logged carries it as evidence; events no finding
    /// explains become findings of their own (RDS023, RDS024). Where the live event log cannot be read the findings stay
    /// as they were and <see cref="EventLog"/> says why.
    /// </summary>
    /// <param name="paths">Event log files or folders; empty for none.</param>
    /// <param name="live">This machine's event log, read only for a live report with no files.</param>
    /// <param name="now">The time the live window ends (UTC).</param>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    /// <exception cref="RdsCal.EventLog.EvtxFormatException">A file is not an event log.</exception>
    public StatusReport WithEvents(IReadOnlyList<string> paths, ILiveEventLog live, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(live);
        if (paths.Count > 0)
        {
            var scan = EventLogScan.Of(paths);
            var events = scan.Licensing(new EventQuery());
            return Joined(events, new EventLogReading("files", null, scan.Files, events.Count, [], null));
        }
        if (!Snapshot.IsLive)
        {
            return this;
        }
        DateTime since = now.ToUniversalTime() - LiveEventWindow;
        try
        {
            var events = live.Read(new EventQuery { Since = since }).Where(e => e.Known is not null).ToList();
            return Joined(events, new EventLogReading("live", since, [], events.Count, [.. live.Warnings], null));
        }
        catch (EventLogUnavailableException e)
        {
            return this with { EventLog = new EventLogReading("live", since, [], 0, [], e.Reason) };
        }
    }

    private StatusReport Joined(IReadOnlyList<LoggedEvent> events, EventLogReading reading) =>
        this with { Findings = EventFindings.Join(Findings, events, Snapshot), EventLog = reading };
}

using System.Globalization;

namespace RdsCal.Licensing.Events;

/// <summary>What happened to one licensing event id across a change.</summary>
public enum EventTrend
{
    /// <summary>Logged before the change took effect and not after.</summary>
    Stopped,
    /// <summary>Logged before and after.</summary>
    GoesOn,
    /// <summary>Logged only after.</summary>
    New,
}

/// <summary>One event id before and after a change took effect.</summary>
/// <param name="EventId">The id.</param>
/// <param name="Trend">Stopped, goes on, or new.</param>
/// <param name="Before">How many times it was logged before.</param>
/// <param name="After">How many times it was logged after.</param>
/// <param name="LastAfter">When it was last logged after, or null.</param>
public sealed record EventIdTrend(int EventId, EventTrend Trend, int Before, int After, DateTime? LastAfter);

/// <summary>
/// Did a change work? The licensing events before and after it took effect: from the first start of the Remote
/// Connection Manager after the change where the log shows one (termsrv.dll's start-up events, RCM 256 and 257),
/// else from the change's own time, said as such (a registry change takes effect when TermService next starts, or
/// at once when the running service took it through WMI).
/// </summary>
/// <param name="ChangeId">The journal entry.</param>
/// <param name="ChangedAt">When the change was made (UTC).</param>
/// <param name="EffectiveFrom">The time the comparison splits at (UTC).</param>
/// <param name="Basis">Why that time: a logged service start, or the change's time.</param>
/// <param name="Trends">One line per licensing event id seen, stopped first.</param>
public sealed record ChangeEffect(string ChangeId, DateTime ChangedAt, DateTime EffectiveFrom, string Basis, IReadOnlyList<EventIdTrend> Trends)
{
    // termsrv.dll's manifest messages 0xB0000100 "Remote Connection Manager is starting up" and 0xB0000101 "has finished
    // start up": the service's own record of a start (libyal/winevt-kb, MessageFile-termsrv.dll.md, build 17134 on).
    private static readonly int[] RcmStartIds = [256, 257];

    /// <summary>
    /// The journal's change <paramref name="changeId"/> (an id or its prefix, as <c>rdscal history</c> shows it) against
    /// every record the scan reads (<c>events --since-change</c>, <c>Get-RdsCalEvent -ChangeId</c>): the service's
    /// start-up events, which are not licensing events, decide the split, so the scan reads all records.
    /// </summary>
    /// <returns>The comparison, and the change's description.</returns>
    /// <exception cref="NoSuchChangeException">The journal holds no such change.</exception>
    public static (ChangeEffect Effect, string Description) OfJournalEntry(string journalPath, string changeId, EventLogScan scan, EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(journalPath);
        ArgumentNullException.ThrowIfNull(changeId);
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(query);
        var entry = new RdsCal.Registry.Changes.ChangeJournal(journalPath).Find(changeId) ?? throw new NoSuchChangeException(changeId, journalPath);
        return (Compare(entry.Id, entry.Time, scan.Read(query with { All = true })), entry.Description);
    }

    /// <summary>Splits the events (any order; licensing and start-up ones are used) at the change's effect.</summary>
    public static ChangeEffect Compare(string changeId, DateTimeOffset changedAt, IEnumerable<LoggedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(changeId);
        ArgumentNullException.ThrowIfNull(events);
        DateTime at = changedAt.UtcDateTime;
        var list = events.Where(e => e.TimeCreated is not null).ToList();
        var start = list
            .Where(e => e.TimeCreated >= at && e.EventId is { } id && RcmStartIds.Contains(id)
                && string.Equals(e.Provider, EventCatalog.RcmProvider, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.TimeCreated)
            .FirstOrDefault();
        DateTime from = start?.TimeCreated ?? at;
        string basis = start is null
            ? "no start of the Remote Connection Manager is logged after the change, so the change's own time splits before from after"
            : string.Create(CultureInfo.InvariantCulture, $"the Remote Connection Manager started at {from:yyyy-MM-dd HH:mm:ss} UTC (event {start.EventId}), the first start after the change");
        var licensing = list.Where(e => e.Known is not null).ToList();
        var trends = licensing
            .GroupBy(e => e.EventId!.Value)
            .Select(g =>
            {
                int before = g.Count(e => e.TimeCreated < from), after = g.Count(e => e.TimeCreated >= from);
                var trend = after == 0 ? EventTrend.Stopped : before == 0 ? EventTrend.New : EventTrend.GoesOn;
                return new EventIdTrend(g.Key, trend, before, after, after == 0 ? null : g.Where(e => e.TimeCreated >= from).Max(e => e.TimeCreated));
            })
            .OrderBy(t => t.Trend)
            .ThenBy(t => t.EventId)
            .ToList();
        return new ChangeEffect(changeId, at, from, basis, trends);
    }
}

/// <summary>The journal holds no change with the id asked for.</summary>
public sealed class NoSuchChangeException : Exception
{
    /// <summary>An exception naming the id and the journal.</summary>
    public NoSuchChangeException(string changeId, string journalPath)
        : base($"no such change in {journalPath}: {changeId}")
    {
        ChangeId = changeId;
        JournalPath = journalPath;
    }

    /// <summary>An exception with no details.</summary>
    public NoSuchChangeException()
        : this(string.Empty, string.Empty)
    {
    }

    /// <summary>An exception with a message.</summary>
    public NoSuchChangeException(string message)
        : base(message)
    {
        ChangeId = string.Empty;
        JournalPath = string.Empty;
    }

    /// <summary>An exception with a message and the failure behind it.</summary>
    public NoSuchChangeException(string message, Exception inner)
        : base(message, inner)
    {
        ChangeId = string.Empty;
        JournalPath = string.Empty;
    }

    /// <summary>The id asked for.</summary>
    public string ChangeId { get; }

    /// <summary>The journal searched.</summary>
    public string JournalPath { get; }
}

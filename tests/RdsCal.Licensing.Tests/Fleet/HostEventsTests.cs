using RdsCal.Licensing.Events;
using RdsCal.Licensing.Fleet;
using RdsCal.Licensing.Live;

namespace RdsCal.Licensing.Tests.Fleet;

/// <summary>The fleet audit's licensing event counts: per host by id and level, and across the fleet grouped by id, errors first.</summary>
public class HostEventsTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private static LoggedEvent Logged(int id, byte level, int minutesAgo) =>
        new(1, Now.AddMinutes(-minutesAgo), EventCatalog.RcmProvider, "TermService", id, 0xC000, level, "System", "RDSH1", [], "test");

    private static StatusReport Live(TestMachine machine, params LoggedEvent[] events)
    {
        var report = StatusReport.Create(machine.Machine());
        report = report with { Snapshot = report.Snapshot with { IsLive = true } };
        return report.WithEvents([], new Log(events), Now);
    }

    [Fact]
    public void A_report_that_read_events_counts_each_id_once_even_when_two_findings_show_it()
    {
        var report = Live(TestMachine.SessionHost(), Logged(1128, 2, 1), Logged(1128, 2, 2), Logged(1130, 3, 3), Logged(1068, 4, 4));
        Assert.Contains(report.Findings, f => f.Events.Any(e => e.EventId == 1128));

        var events = HostEvents.From(report)!;

        Assert.Equal([(1068, "Information", 1), (1128, "Error", 2), (1130, "Warning", 1)], events.ById.Select(c => (c.EventId, c.Level, c.Count)));
        Assert.Equal((2, 1), (events.Errors, events.Warnings));
    }

    [Fact]
    public void A_report_without_an_event_log_or_whose_log_was_unreadable_has_no_event_counts()
    {
        Assert.Null(HostEvents.From(StatusReport.Create(TestMachine.SessionHost().Machine())));
        var unreadable = StatusReport.Create(TestMachine.SessionHost().Machine());
        unreadable = (unreadable with { Snapshot = unreadable.Snapshot with { IsLive = true } }).WithEvents([], new Log([]) { Fails = true }, Now);
        Assert.False(unreadable.EventLog!.Read);
        Assert.Null(HostEvents.From(unreadable));
    }

    [Fact]
    public void The_audit_groups_hosts_by_event_id_errors_first_and_counts_hosts_with_licensing_errors()
    {
        var audit = new FleetAudit();
        audit.Add(HostAudit.FromReport("a", "a", Live(TestMachine.SessionHost().Named("A"), Logged(1130, 3, 1))));
        audit.Add(HostAudit.FromReport("b", "b", Live(TestMachine.SessionHost().Named("B"), Logged(1128, 2, 1), Logged(1130, 3, 2))));
        audit.Add(HostAudit.FromReport("c", "c", StatusReport.Create(TestMachine.SessionHost().Named("C").Machine())));

        var report = audit.Complete();

        Assert.Equal([(1128, "Error", "B"), (1130, "Warning", "A B")], report.EventCounts.Select(e => (e.EventId, e.Level, string.Join(' ', e.Hosts))));
        Assert.Equal((2, 1), (report.HostsWithEvents, report.WithEventErrors));
        Assert.Equal((int?)null, report.Hosts.Single(h => h.Host == "C").EventErrors);
        Assert.Equal((1, 1), (report.Hosts.Single(h => h.Host == "B").EventErrors!.Value, report.Hosts.Single(h => h.Host == "B").EventWarnings!.Value));
    }

    private sealed class Log(IReadOnlyList<LoggedEvent> events) : ILiveEventLog
    {
        public bool Fails { get; init; }

        public IReadOnlyList<string> Warnings => [];

        public IEnumerable<LoggedEvent> Read(EventQuery query) => Fails ? throw new EventLogUnavailableException("stubbed") : events;
    }
}

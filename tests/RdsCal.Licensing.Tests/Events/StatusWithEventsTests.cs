using System.Text;
using System.Text.Json;
using RdsCal.Licensing.Events;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Reports;
using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Tests.Events;

/// <summary>
/// status --events as one library operation: what the event log shows joins the findings, one finding per cause (an
/// event a finding explains is its evidence; one nothing explains is a finding of its own), and a live event log that
/// cannot be read leaves the findings as they were and says so.
/// </summary>
public class StatusWithEventsTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private static LoggedEvent Logged(int id, DateTime time, byte level = 2, string channel = "System") =>
        new(1, time, EventCatalog.RcmProvider, channel == "System" ? "TermService" : null, id, channel == "System" ? 0xC000 : null, level, channel, "RDSH1", [new LoggedEventData(null, "ls1")], "test");

    private static StatusReport Report(TestMachine machine, bool live = false)
    {
        var report = StatusReport.Create(machine.Machine());
        return live ? report with { Snapshot = report.Snapshot with { IsLive = true } } : report;
    }

    private static StatusReport Joined(StatusReport report, params LoggedEvent[] events) =>
        report.WithEvents([], new FakeEventLog(events), Now);

    [Fact]
    public void An_event_a_registry_finding_explains_becomes_its_evidence_with_count_and_first_and_last_time()
    {
        var before = Report(TestMachine.SessionHost().Mode(4), live: true);
        Assert.Contains(before.Findings, f => f.Code == "RDS002");

        var after = Joined(before, Logged(1128, Now.AddDays(-3)), Logged(1128, Now.AddDays(-1)), Logged(1128, Now.AddDays(-2)));

        Assert.Equal(before.Findings.Select(f => f.Code), after.Findings.Select(f => f.Code));
        var e = Assert.Single(after.Findings.Single(f => f.Code == "RDS002").Events);
        Assert.Equal((1128, 3, Now.AddDays(-3), Now.AddDays(-1), "Error", "System"), (e.EventId, e.Count, e.FirstSeen!.Value, e.LastSeen!.Value, e.Level, e.Channel));
        Assert.StartsWith("The RD Licensing grace period has expired", e.Message, StringComparison.Ordinal);
        Assert.All(after.Findings.Where(f => f.Code != "RDS002"), f => Assert.Empty(f.Events));
        Assert.Equal(3, after.EventLog!.LicensingEvents);
        Assert.True(after.EventLog.Read);
    }

    [Fact]
    public void A_1128_with_a_license_server_configured_is_its_own_server_side_finding()
    {
        var before = Report(TestMachine.SessionHost().Mode(4).Servers("ls1.corp.invalid"), live: true);
        Assert.DoesNotContain(before.Findings, f => f.Code is "RDS002" or "RDS023");

        var after = Joined(before, Logged(50280, Now.AddDays(-1), channel: EventCatalog.RcmAdmin));

        var found = Assert.Single(after.Findings, f => f.Code == "RDS023");
        Assert.Equal((Severity.Error, RemedyTarget.LicenseServer), (found.Severity, found.AppliesTo));
        Assert.Contains("although license server ls1.corp.invalid is configured", found.Message, StringComparison.Ordinal);
        Assert.Equal(50280, Assert.Single(found.Events).EventId);
        Assert.Equal(after.Findings.Count, before.Findings.Count + 1);
        Assert.Equal(Severity.Error, after.Findings[0].Severity);
    }

    [Fact]
    public void A_probe_finding_of_the_cause_takes_the_event_so_one_cause_stays_one_finding()
    {
        var registry = Report(TestMachine.SessionHost().Mode(4).Servers("ls1.corp.invalid"), live: true);
        var unreachable = new Finding("RDS019", Severity.Error, "License server ls1 cannot be reached.", "remedy", ["dns: no such name"]);
        var probed = registry with { Findings = StatusReport.Join(registry.Findings, [unreachable]) };

        var after = Joined(probed, Logged(1128, Now.AddDays(-1)), Logged(1131, Now.AddHours(-2)));

        Assert.DoesNotContain(after.Findings, f => f.Code is "RDS023" or "RDS024");
        var f = Assert.Single(after.Findings, x => x.Code == "RDS019");
        Assert.Equal([1128, 1131], f.Events.Select(e => e.EventId));
        Assert.Equal(["dns: no such name"], f.Evidence);
    }

    [Fact]
    public void An_event_whose_cause_the_registry_no_longer_shows_is_an_unexplained_finding_at_the_events_level()
    {
        var before = Report(TestMachine.SessionHost().Mode(4).Servers("ls1.corp.invalid"), live: true);

        var after = Joined(before, Logged(1130, Now.AddDays(-5), level: 3));

        var found = Assert.Single(after.Findings, f => f.Code == "RDS024");
        Assert.Equal(Severity.Warning, found.Severity);
        Assert.Contains("1130 (1 time, last 2026-11-26 12:00 UTC)", found.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(after.Findings, f => f.Code == "RDS023");
    }

    [Fact]
    public void Live_reads_the_last_30_days_and_ignores_what_is_outside_the_catalogue()
    {
        var log = new FakeEventLog([Logged(1130, Now.AddDays(-1), level: 3), new LoggedEvent(2, Now, "Other", null, 1130, null, 2, "System", "RDSH1", [], "test")]);
        var report = Report(TestMachine.SessionHost().Mode(4).Servers("ls1.corp.invalid"), live: true).WithEvents([], log, Now);

        Assert.Equal(Now.AddDays(-30), log.Asked!.Since);
        Assert.Equal((1, "live", Now.AddDays(-30)), (report.EventLog!.LicensingEvents, report.EventLog.From, report.EventLog.Since!.Value));
        Assert.Single(report.Findings.Single(f => f.Code == "RDS024").Events);
    }

    [Fact]
    public void A_live_event_log_that_cannot_be_read_leaves_the_findings_and_says_so()
    {
        var before = Report(TestMachine.SessionHost().Mode(4), live: true);

        var after = before.WithEvents([], new FakeEventLog([]) { Unavailable = "the service is stubbed" }, Now);

        Assert.Same(before.Findings, after.Findings);
        Assert.False(after.EventLog!.Read);
        Assert.Equal("the event log could not be read (the service is stubbed): the findings are the registry's alone", after.EventLog.Note);
        Assert.DoesNotContain("0 licensing event", after.EventLog.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Offline_without_event_files_nothing_is_read_and_the_report_is_unchanged()
    {
        var before = Report(TestMachine.SessionHost().Mode(4));
        var log = new FakeEventLog([Logged(1128, Now)]);

        var after = before.WithEvents([], log, Now);

        Assert.Same(before, after);
        Assert.Null(log.Asked);
    }

    [Fact]
    public void The_json_gains_eventLog_and_events_only_when_an_event_log_was_read()
    {
        var before = Report(TestMachine.SessionHost().Mode(4), live: true);
        var after = Joined(before, Logged(1128, Now.AddDays(-1)));

        using var without = JsonDocument.Parse(Json(before));
        Assert.False(without.RootElement.TryGetProperty("eventLog", out _));
        Assert.All(without.RootElement.GetProperty("findings").EnumerateArray(), f => Assert.False(f.TryGetProperty("events", out _)));

        using var with = JsonDocument.Parse(Json(after));
        var log = with.RootElement.GetProperty("eventLog");
        Assert.Equal(("live", true, 1), (log.GetProperty("from").GetString(), log.GetProperty("read").GetBoolean(), log.GetProperty("licensingEvents").GetInt32()));
        Assert.Equal("2026-11-01T12:00:00.0000000Z", log.GetProperty("since").GetString());
        var rds002 = with.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "RDS002");
        var e = Assert.Single(rds002.GetProperty("events").EnumerateArray());
        Assert.Equal((1128, 1, "2026-11-30T12:00:00.0000000Z"), (e.GetProperty("eventId").GetInt32(), e.GetProperty("count").GetInt32(), e.GetProperty("lastSeen").GetString()));
    }

    private static string Json(StatusReport report)
    {
        var text = new StringWriter(new StringBuilder());
        StatusJsonWriter.Write(report, "test", text);
        return text.ToString();
    }

    private sealed class FakeEventLog(IReadOnlyList<LoggedEvent> events) : ILiveEventLog
    {
        public EventQuery? Asked { get; private set; }

        public string? Unavailable { get; init; }

        public IReadOnlyList<string> Warnings => [];

        public IEnumerable<LoggedEvent> Read(EventQuery query)
        {
            Asked = query;
            if (Unavailable is not null)
            {
                throw new EventLogUnavailableException(Unavailable);
            }
            return events.Where(query.Keeps).ToList();
        }
    }
}

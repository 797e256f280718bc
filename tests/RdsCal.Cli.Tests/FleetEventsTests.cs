using System.IO.Compression;
using System.Text.Json;
using RdsCal.EventLog.Tests;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>
/// <c>fleet</c> over machine folders that hold event logs: <c>*.evtx</c> files, or the <c>events.json</c> that
/// <c>rdscal events --json</c> writes (COLLECTION/HOST/events.json beside status.json): each host's licensing errors
/// and warnings are counted and the fleet is grouped by event id, in the JSON, CSV, HTML and text reports; a fleet
/// without any event log keeps its reports as they were.
/// </summary>
public sealed class FleetEventsTests : IDisposable
{
    private readonly TempFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    private static byte[] SystemLog(ushort id, byte level)
    {
        using var gz = new GZipStream(File.OpenRead(TestData.Real("evtx", "2-vss_7-System.evtx.gz")), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        gz.CopyTo(copy);
        return EvtxSurgery.WithEventIdAndLevel(copy.ToArray(), r => r.EventSourceName == "TermService" && r.EventId == 1056, id, level);
    }

    private string Host(string name, string sample)
    {
        string folder = scratch.Folder("fleet", name);
        File.Copy(CliRunner.Sample(sample, "SYSTEM.reg"), Path.Combine(folder, "SYSTEM.reg"));
        File.Copy(CliRunner.Sample(sample, "SOFTWARE.reg"), Path.Combine(folder, "SOFTWARE.reg"));
        return folder;
    }

    // alpha: a System log with an error 1128; beta: the events.json of a log with a warning 1130, as events --json writes
    // it, beside a collected status.json; gamma: no event log at all.
    private void Fleet()
    {
        File.WriteAllBytes(Path.Combine(Host("alpha", "unconfigured"), "System.evtx"), SystemLog(1128, 2));
        string log = scratch.File("beta-System.evtx");
        File.WriteAllBytes(log, SystemLog(1130, 3));
        string beta = scratch.Folder("fleet", "beta");
        var (statusExit, status, _) = CliRunner.Run("status", "--system", CliRunner.Sample("healthy-perdevice", "SYSTEM.reg"), "--software", CliRunner.Sample("healthy-perdevice", "SOFTWARE.reg"), "--json");
        Assert.Equal(ExitCodes.Ok, statusExit);
        File.WriteAllText(Path.Combine(beta, "status.json"), status);
        var (eventsExit, events, _) = CliRunner.Run("events", "--json", log);
        Assert.Equal(ExitCodes.Ok, eventsExit);
        File.WriteAllText(Path.Combine(beta, "events.json"), events);
        Host("gamma", "healthy-perdevice");
    }

    [TestDataFact]
    public void The_json_counts_each_hosts_licensing_errors_and_warnings_and_groups_the_fleet_by_event()
    {
        Fleet();
        var (exit, output, err) = CliRunner.Run("fleet", scratch.File("fleet"), "--json");
        Assert.True(exit == ExitCodes.Ok, err);
        using var doc = JsonDocument.Parse(output);
        var hosts = doc.RootElement.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("origin").GetString()!.Split(Path.DirectorySeparatorChar)[^1] is "status.json" ? "beta" : Path.GetFileName(h.GetProperty("origin").GetString()!));
        var alpha = hosts["alpha"].GetProperty("licensingEvents");
        Assert.Equal((1, 0), (alpha.GetProperty("errors").GetInt32(), alpha.GetProperty("warnings").GetInt32()));
        var beta = hosts["beta"].GetProperty("licensingEvents");
        Assert.Equal((0, 1), (beta.GetProperty("errors").GetInt32(), beta.GetProperty("warnings").GetInt32()));
        Assert.Equal(1130, Assert.Single(beta.GetProperty("byId").EnumerateArray()).GetProperty("eventId").GetInt32());
        Assert.False(hosts["gamma"].TryGetProperty("licensingEvents", out _));

        var counts = doc.RootElement.GetProperty("eventCounts").EnumerateArray().ToList();
        Assert.Equal([(1128, "Error", 1), (1130, "Warning", 1)], counts.Select(c => (c.GetProperty("eventId").GetInt32(), c.GetProperty("level").GetString(), c.GetProperty("hosts").GetArrayLength())));
        var totals = doc.RootElement.GetProperty("totals");
        Assert.Equal((2, 1), (totals.GetProperty("withEventLogs").GetInt32(), totals.GetProperty("withLicensingEventErrors").GetInt32()));
    }

    [TestDataFact]
    public void Csv_html_and_text_word_the_events_and_a_fleet_without_event_logs_keeps_its_reports()
    {
        Fleet();
        string csv = scratch.File("fleet.csv"), html = scratch.File("fleet.html");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("fleet", scratch.File("fleet"), "--csv", csv).Exit);
        var lines = File.ReadAllText(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",origin,event_errors,event_warnings,events", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.EndsWith(",1,0,1128 Error x1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(",0,1,1130 Warning x1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(",,,", StringComparison.Ordinal));

        Assert.Equal(ExitCodes.Ok, CliRunner.Run("fleet", scratch.File("fleet"), "--html", html).Exit);
        string page = File.ReadAllText(html);
        Assert.Contains("<section id=\"events\"><h2>Licensing events</h2>", page, StringComparison.Ordinal);
        Assert.Contains("Licensing events: 1 error(s), 0 warning(s): 1128 Error x1", page, StringComparison.Ordinal);

        var (_, text, _) = CliRunner.Run("fleet", scratch.File("fleet"));
        Assert.Contains("LICENSING EVENTS (2 host(s) with event logs, 1 with licensing errors)", text, StringComparison.Ordinal);
        Assert.Contains("events 1E 0W", text, StringComparison.Ordinal);

        // The same fleet without its event logs: no event field, column or section anywhere.
        File.Delete(scratch.File("fleet", "alpha", "System.evtx"));
        File.Delete(scratch.File("fleet", "beta", "events.json"));
        var (_, json, _) = CliRunner.Run("fleet", scratch.File("fleet"), "--json");
        foreach (string field in new[] { "\"licensingEvents\"", "\"eventCounts\"", "\"withEventLogs\"", "\"withLicensingEventErrors\"" })
        {
            Assert.DoesNotContain(field, json, StringComparison.Ordinal);
        }
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("fleet", scratch.File("fleet"), "--csv", csv, "--force").Exit);
        Assert.EndsWith(",origin", File.ReadAllText(csv).Split("\r\n")[0], StringComparison.Ordinal);
        Assert.DoesNotContain("LICENSING EVENTS", CliRunner.Run("fleet", scratch.File("fleet")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_events_json_that_is_not_one_makes_its_host_unreadable_with_the_reason_and_the_run_goes_on()
    {
        string bad = Host("bad", "unconfigured");
        File.WriteAllText(Path.Combine(bad, "events.json"), "{\"schemaVersion\":1}");
        Host("good", "unconfigured");
        var (exit, output, _) = CliRunner.Run("fleet", scratch.File("fleet"), "--json");
        Assert.Equal(ExitCodes.CorruptInput, exit);
        using var doc = JsonDocument.Parse(output);
        var hosts = doc.RootElement.GetProperty("hosts").EnumerateArray().ToList();
        Assert.Equal(2, hosts.Count);
        var unreadable = Assert.Single(hosts, h => h.GetProperty("status").GetString() == "unreadable");
        Assert.Contains("events.json: not an events JSON document", unreadable.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}

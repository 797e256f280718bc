using System.IO.Compression;
using System.Text.Json;
using RdsCal.EventLog.Tests;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>
/// <c>status --events</c> and <c>check --events</c> on a real System log whose TermService record was made a 1128
/// (grace period expired), as <see cref="EventsCommandTests"/> makes it: the event is the evidence of the registry's
/// finding when the registry explains it, and a finding of its own (the server side) when a license server is set.
/// </summary>
public sealed class StatusEventsCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private string SystemWith1128()
    {
        using var gz = new GZipStream(File.OpenRead(TestData.Real("evtx", "2-vss_7-System.evtx.gz")), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        gz.CopyTo(copy);
        byte[] edited = EvtxSurgery.WithEventId(copy.ToArray(), r => r.EventSourceName == "TermService" && r.EventId == 1056, 1128);
        string path = temp.File("System.evtx");
        File.WriteAllBytes(path, edited);
        return path;
    }

    private static string[] Machine(string sample) =>
        ["--system", CliRunner.Sample(sample, "SYSTEM.reg"), "--software", CliRunner.Sample(sample, "SOFTWARE.reg")];

    [TestDataFact]
    public void A_1128_with_no_license_server_is_the_evidence_of_RDS002_and_adds_no_finding()
    {
        string log = SystemWith1128();
        var (_, plain, _) = CliRunner.Run(["status", .. Machine("unconfigured"), "--json"]);
        var (exit, output, err) = CliRunner.Run(["status", .. Machine("unconfigured"), "--json", "--events", log]);
        Assert.True(exit == ExitCodes.Ok, err);
        using var before = JsonDocument.Parse(plain);
        using var after = JsonDocument.Parse(output);
        Assert.Equal(Codes(before), Codes(after));
        var rds002 = after.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "RDS002");
        var e = Assert.Single(rds002.GetProperty("events").EnumerateArray());
        Assert.Equal((1128, 1, "System"), (e.GetProperty("eventId").GetInt32(), e.GetProperty("count").GetInt32(), e.GetProperty("channel").GetString()));
        Assert.EndsWith("Z", e.GetProperty("lastSeen").GetString(), StringComparison.Ordinal);
        var eventLog = after.RootElement.GetProperty("eventLog");
        Assert.Equal(("files", true, 1), (eventLog.GetProperty("from").GetString(), eventLog.GetProperty("read").GetBoolean(), eventLog.GetProperty("licensingEvents").GetInt32()));
        Assert.Equal(log, Assert.Single(eventLog.GetProperty("files").EnumerateArray()).GetProperty("path").GetString());
    }

    [TestDataFact]
    public void A_1128_with_a_license_server_configured_is_a_server_side_finding_in_text_and_fail_on()
    {
        string log = SystemWith1128();
        Assert.Equal(ExitCodes.Ok, CliRunner.Run(["status", .. Machine("healthy-perdevice"), "--fail-on", "error"]).Exit);
        var (exit, output, _) = CliRunner.Run(["status", .. Machine("healthy-perdevice"), "--fail-on", "error", "--events", Path.GetDirectoryName(log)!]);
        Assert.Equal(ExitCodes.FindingsAtThreshold, exit);
        Assert.Contains("RDS023 The session host logged 1128 (1 time, last ", output, StringComparison.Ordinal);
        Assert.Contains("although license servers lic01.corp.example.com, lic02.corp.example.com are configured", output, StringComparison.Ordinal);
        Assert.Contains("logged: event 1128 (", output, StringComparison.Ordinal);
        Assert.Contains("Event log", output, StringComparison.Ordinal);
        Assert.Contains("1 licensing event(s) in 1 file(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_events_the_json_has_neither_eventLog_nor_finding_events()
    {
        var (exit, output, _) = CliRunner.Run(["status", .. Machine("unconfigured"), "--json"]);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.DoesNotContain("\"eventLog\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"events\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_non_evtx_events_input_is_one_line_naming_it()
    {
        string missing = temp.File("nope.evtx");
        var (exit, output, err) = CliRunner.Run(["status", .. Machine("unconfigured"), "--events", missing]);
        Assert.Equal(ExitCodes.InputMissing, exit);
        Assert.Equal(string.Empty, output);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Contains(missing, err, StringComparison.Ordinal);

        string text = temp.File("notes.evtx");
        File.WriteAllText(text, "not an event log at all, just text that is long enough to hold a header or more of it");
        var (bad, _, why) = CliRunner.Run(["status", .. Machine("unconfigured"), "--events", text]);
        Assert.Equal(ExitCodes.CorruptInput, bad);
        Assert.Single(why.TrimEnd().Split('\n'));
        Assert.Contains(text, why, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", why, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void Check_with_events_alerts_on_the_server_side_finding()
    {
        string log = SystemWith1128();
        var (ok, _, _) = CliRunner.Run(["check", .. Machine("healthy-perdevice")]);
        var (exit, output, _) = CliRunner.Run(["check", .. Machine("healthy-perdevice"), "--events", log]);
        Assert.Equal(0, ok);
        Assert.Equal(2, exit);
        Assert.Contains("RDS023", output, StringComparison.Ordinal);
    }

    private static List<string?> Codes(JsonDocument doc) =>
        [.. doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString())];
}

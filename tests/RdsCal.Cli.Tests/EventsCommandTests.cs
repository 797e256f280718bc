using System.IO.Compression;
using System.Text.Json;
using RdsCal.EventLog;
using RdsCal.EventLog.Tests;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>
/// <c>rdscal events</c> on real logs. No public .evtx file holds an RDS licensing event, so the licensing ones are
/// made from real records: a classic TermService record of a real System log gets event id 1128 (qualifiers 0xC000
/// stay, as Windows Server 2016 logs it), an RCM Operational record gets 50282, and the chunk CRCs are fixed.
/// </summary>
public sealed class EventsCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static byte[] Real(string name)
    {
        using var gz = new GZipStream(File.OpenRead(TestData.Real("evtx", name + ".gz")), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        gz.CopyTo(copy);
        return copy.ToArray();
    }

    private string SystemWith1128()
    {
        byte[] edited = EvtxSurgery.WithEventId(Real("2-vss_7-System.evtx"), r => r.EventSourceName == "TermService" && r.EventId == 1056, 1128);
        string path = temp.File("System.evtx");
        File.WriteAllBytes(path, edited);
        return path;
    }

    [TestDataFact]
    public void A_legacy_1128_in_a_system_log_is_grace_period_expired_with_its_rules()
    {
        string log = SystemWith1128();
        var (exit, output, err) = CliRunner.Run("events", log);
        Assert.True(exit == ExitCodes.Ok, err);
        Assert.Contains("  1128  ", output, StringComparison.Ordinal);
        Assert.Contains("  The RD Licensing grace period has expired and the service has not registered with a license server with installed licenses.", output, StringComparison.Ordinal);
        Assert.Contains("  rules: RDS002, RDS019, RDS020, RDS021 ('rdscal explain 1128')", output, StringComparison.Ordinal);
        Assert.EndsWith("1 licensing event(s) in 1 file(s), 2 record(s) read\n".Replace("2 record(s)", $"{Records(log)} record(s)", StringComparison.Ordinal), output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [TestDataFact]
    public void The_json_contract_carries_the_event_its_meaning_rules_and_the_files()
    {
        string log = SystemWith1128();
        var (exit, output, _) = CliRunner.Run("events", "--json", log);
        Assert.Equal(ExitCodes.Ok, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        var e = Assert.Single(root.GetProperty("events").EnumerateArray());
        Assert.Equal(1128, e.GetProperty("eventId").GetInt32());
        Assert.Equal(0xC000, e.GetProperty("qualifiers").GetInt32());
        Assert.Equal("TermService", e.GetProperty("eventSourceName").GetString());
        Assert.Equal("System", e.GetProperty("channel").GetString());
        Assert.EndsWith("Z", e.GetProperty("timeCreated").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("The grace period has ended", e.GetProperty("meaning").GetString(), StringComparison.Ordinal);
        Assert.Equal(["RDS002", "RDS019", "RDS020", "RDS021"], e.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));
        var file = Assert.Single(root.GetProperty("files").EnumerateArray());
        Assert.Equal(log, file.GetProperty("path").GetString());
        Assert.Equal(Records(log), file.GetProperty("records").GetInt64());
    }

    [TestDataFact]
    public void A_build_17134_id_is_matched_on_its_provider_and_fail_on_sees_its_level()
    {
        byte[] edited = EvtxSurgery.WithEventId(Real("2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager-Operational.evtx"), r => r.EventId == 261, 50282);
        string log = temp.File("rcm.evtx");
        File.WriteAllBytes(log, edited);
        var (exit, output, _) = CliRunner.Run("events", "--id", "50282", "--fail-on", "info", log);
        Assert.Equal(ExitCodes.FindingsAtThreshold, exit);
        Assert.Contains("The Remote Desktop Session Host server does not have a Remote Desktop license server specified.", output, StringComparison.Ordinal);
        Assert.Contains("rules: RDS002", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("events", "--fail-on", "error", log).Exit);
    }

    [TestDataFact]
    public void All_streams_every_record_of_any_provider_and_filters_narrow_it()
    {
        string log = temp.File("system.evtx");
        File.WriteAllBytes(log, Real("system.evtx"));
        var (exit, output, _) = CliRunner.Run("events", "--all", "--json", log);
        Assert.Equal(ExitCodes.Ok, exit);
        using var doc = JsonDocument.Parse(output);
        var events = doc.RootElement.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(Records(log), events.Count);
        Assert.All(events, e => Assert.Equal(JsonValueKind.Null, e.GetProperty("rules").ValueKind));
        using var some = JsonDocument.Parse(CliRunner.Run("events", "--all", "--json", "--id", "6009", "--since", "2000-01-01", log).Out);
        Assert.All(some.RootElement.GetProperty("events").EnumerateArray(), e => Assert.Equal(6009, e.GetProperty("eventId").GetInt32()));
        Assert.NotEmpty(some.RootElement.GetProperty("events").EnumerateArray());
        using var none = JsonDocument.Parse(CliRunner.Run("events", "--all", "--json", "--until", "2000-01-01", log).Out);
        Assert.Empty(none.RootElement.GetProperty("events").EnumerateArray());
    }

    [LinuxFact]
    public void Nothing_read_is_an_error_never_no_events()
    {
        // No file: this machine's channels, which only Windows has; elsewhere nothing was read, and rdscal says so.
        var (exit, output, err) = CliRunner.Run("events");
        Assert.Equal(ExitCodes.InputMissing, exit);
        Assert.Empty(output);
        Assert.Equal("rdscal: error: cannot read the event log: the event log service exists only on Windows (give .evtx files or folders of them to read logs offline)\n", err.Replace("\r\n", "\n", StringComparison.Ordinal));
        var (missing, _, why) = CliRunner.Run("events", temp.File("absent.evtx"));
        Assert.Equal(ExitCodes.InputMissing, missing);
        Assert.Contains("absent.evtx", why, StringComparison.Ordinal);
        string notLog = temp.File("not.evtx");
        File.WriteAllText(notLog, "hello");
        var (bad, _, badErr) = CliRunner.Run("events", notLog);
        Assert.NotEqual(ExitCodes.Ok, bad);
        Assert.Contains("not.evtx", badErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", badErr, StringComparison.Ordinal);
    }

    [TestDataTheory]
    [InlineData(-1, "1128: new (1 after")]
    [InlineData(+1, "1128: stopped (1 before, none after)")]
    public void Since_change_says_which_licensing_events_stopped_went_on_or_are_new(int side, string expected)
    {
        string log = SystemWith1128();
        DateTime logged;
        using (var reader = EvtxReader.Open(log))
        {
            logged = reader.ReadAll().Single(r => r.EventId == 1128).TimeCreated!.Value;
        }
        string journal = temp.File("journal.jsonl");
        var entry = new RdsCal.Registry.Changes.JournalEntry
        {
            Id = RdsCal.Registry.Changes.ChangeJournal.NewId(),
            Time = new DateTimeOffset(DateTime.SpecifyKind(logged, DateTimeKind.Utc)).AddMinutes(side),
            User = "admin",
            Machine = "RDSH01",
            Target = "SYSTEM",
            Description = "set the license servers to lic01.corp.test",
            Operations = [],
            Version = "0.1.0",
        };
        new RdsCal.Registry.Changes.ChangeJournal(journal).Append(entry);
        var (exit, output, err) = CliRunner.Run("events", "--since-change", entry.Id, "--journal", journal, log);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Contains("no start of the Remote Connection Manager is logged after the change, so the change's own time splits before from after", output, StringComparison.Ordinal);
        Assert.Equal(side < 0 ? ExitCodes.FindingsAtThreshold : ExitCodes.Ok, exit);
        Assert.True(err.Length == 0 || !err.Contains("error", StringComparison.Ordinal), err);
        var (unknown, _, why) = CliRunner.Run("events", "--since-change", "nosuchid", "--journal", journal, log);
        Assert.Equal(ExitCodes.Usage, unknown);
        Assert.Contains("no such change", why, StringComparison.Ordinal);
    }

    private static long Records(string path)
    {
        using var reader = EvtxReader.Open(path);
        return reader.ReadAll().LongCount();
    }
}

using System.Text.Json;
using System.Xml.Linq;
using RdsCal.EventLog;
using RdsCal.EventLog.Tests;
using RdsCal.Licensing.Events;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>
/// <c>rdscal events</c> and Windows Event Forwarding: the subscription it prints for the collector, and reading the
/// collector's log, whose records carry each original computer.
/// </summary>
public sealed class EventsForwardingTests : IDisposable
{
    private const string Original = "DESKTOP-1N4R894";
    private const string Forwarded = "RDSH2.corp.test";

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    // A collector's log: the real RCM Operational log with its chunk 2 rewritten to come from another computer, one
    // record of chunk 0 made event 1004 and two of chunk 2 made 1003 and 1004 (no public log holds a forwarded
    // licensing event). A ForwardedEvents record keeps its original channel and computer, as these do.
    private string CollectorLog()
    {
        byte[] b = TestData.Bytes(TestData.Real("evtx", "2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager-Operational.evtx.gz"));
        b = EvtxSurgery.WithEventId(b, r => r.EventId == 261 && EvtxSurgery.ChunkOf(r) == 0, 1004);
        b = EvtxSurgery.WithEventId(b, r => r.EventId == 261 && EvtxSurgery.ChunkOf(r) == 2, 1003);
        b = EvtxSurgery.WithEventId(b, r => r.EventId == 261 && EvtxSurgery.ChunkOf(r) == 2, 1004);
        b = EvtxSurgery.WithComputer(b, 2, Original, Forwarded);
        string path = temp.File("ForwardedEvents.evtx");
        File.WriteAllBytes(path, b);
        return path;
    }

    [TestDataFact]
    public void The_rewritten_log_carries_two_computers_chunk_by_chunk()
    {
        using var reader = EvtxReader.Open(CollectorLog());
        var records = reader.ReadAll().ToList();
        // The edits add no damage: the warnings are the real file's own (it was copied from a shadow copy, dirty).
        using var original = new EvtxReader(new MemoryStream(TestData.Bytes(TestData.Real("evtx", "2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager-Operational.evtx.gz"))));
        Assert.Equal(original.ReadAll().Count(), records.Count);
        Assert.Equal(original.Warnings.Select(w => w.ToString()), reader.Warnings.Select(w => w.ToString()));
        Assert.All(records, r => Assert.Equal(EvtxSurgery.ChunkOf(r) == 2 ? Forwarded : Original, r.Computer));
        Assert.Equal(1774, records.Count);
    }

    [TestDataFact]
    public void Text_groups_a_collectors_events_by_computer_and_json_keeps_each_computer()
    {
        string log = CollectorLog();
        var (exit, output, err) = CliRunner.Run("events", log);
        Assert.True(exit == ExitCodes.Ok, err);
        string[] lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int first = Array.IndexOf(lines, $"{Original}: 1 licensing event(s)");
        int second = Array.IndexOf(lines, $"{Forwarded}: 2 licensing event(s)");
        Assert.True(first >= 0 && second > first, output);
        // Each event's first line names its computer: the ones under a heading are that computer's.
        var heads = lines.Select((l, i) => (l, i)).Where(x => x.l.EndsWith("  Microsoft-Windows-TerminalServices-RemoteConnectionManager", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, heads.Count);
        Assert.All(heads, h => Assert.Contains($"  {(h.i > second ? Forwarded : Original)}  ", h.l, StringComparison.Ordinal));
        Assert.Equal(2, heads.Count(h => h.i > second));
        Assert.Contains(lines, l => l == "3 licensing event(s) from 2 computers in 1 file(s), 1774 record(s) read");

        using var doc = JsonDocument.Parse(CliRunner.Run("events", "--json", log).Out);
        var computers = doc.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("computer").GetString()).ToList();
        Assert.Equal(1, computers.Count(c => c == Original));
        Assert.Equal(2, computers.Count(c => c == Forwarded));
    }

    [TestDataFact]
    public void Computer_keeps_one_computers_events_and_its_output_has_no_headings()
    {
        string log = CollectorLog();
        // The short name matches the FQDN a forwarded record carries.
        var (exit, output, err) = CliRunner.Run("events", "--computer", "rdsh2", log);
        Assert.True(exit == ExitCodes.Ok, err);
        Assert.DoesNotContain(output.Split('\n'), l => l.TrimEnd('\r').EndsWith(" licensing event(s)", StringComparison.Ordinal));
        Assert.DoesNotContain(Original, output, StringComparison.Ordinal);
        Assert.EndsWith("2 licensing event(s) in 1 file(s), 1774 record(s) read\n", output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(CliRunner.Run("events", "--json", "--computer", Forwarded, log).Out);
        Assert.All(doc.RootElement.GetProperty("events").EnumerateArray(), e => Assert.Equal(Forwarded, e.GetProperty("computer").GetString()));
        Assert.Equal(2, doc.RootElement.GetProperty("events").GetArrayLength());
    }
    [Fact]
    public void Wef_subscription_prints_the_librarys_subscription_for_wecutil()
    {
        var (exit, output, err) = CliRunner.Run("events", "--wef-subscription");
        Assert.True(exit == ExitCodes.Ok, err);
        Assert.Equal(ForwardingSubscription.Xml(), output.Replace("\r\n", "\n", StringComparison.Ordinal));
        var root = XDocument.Parse(output).Root!;
        Assert.Equal(XName.Get("Subscription", "http://schemas.microsoft.com/2006/03/windows/events/subscription"), root.Name);
        Assert.Empty(err);
    }

    [Fact]
    public void Wef_subscription_with_an_input_is_a_usage_error_on_one_line()
    {
        var (exit, output, err) = CliRunner.Run("events", "--wef-subscription", "System.evtx");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Empty(output);
        Assert.Equal("rdscal: error: --wef-subscription takes no FILE|DIR: it prints the subscription for the collector\n", err.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}

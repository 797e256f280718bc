using System.Diagnostics;
using System.Text.Json;

namespace RdsCal.Live.Tests;

/// <summary>
/// A live change while another writer is at work (issue 8, "the key is locked by another writer"). Windows has no
/// registry key lock: another process's open handle, even one opened for writing, does not block RegSetValueEx, so
/// rdscal must simply succeed. What does exclude writers is rdscal's own lock beside the journal: a second rdscal
/// waits, then is refused with exit 7 and one line, and changes nothing, whether it shares the journal or only the
/// machine-wide live lock. The other writer is a real rdscal.exe held at one of its write steps (RDSCAL_PAUSE_AT;
/// with RDSCAL_LIVE_LOCK elsewhere it stands in for a program outside rdscal's locks); every result is read back
/// with reg.exe.
/// </summary>
[Trait("Category", "Wine")]
[Trait("Category", "Slow")]
public sealed class LiveWriterConflictTests(WinePrefix wine) : IClassFixture<WinePrefix>
{
    /// <summary>set-mode's steps: 1 reg backup, 2 journal entry, 3 the key opened for writing, 4 journal applied.</summary>
    private const int KeyOpenForWriting = 3;
    private const int BeforeAnyWrite = 1;
    private const string LicensingCoreStep = @"live SYSTEM\CurrentControlSet\Control\Terminal Server\RCM\Licensing Core";

    [WineFact]
    public void A_change_goes_through_while_another_process_holds_the_key_open_for_writing()
    {
        wine.Seed("unconfigured");
        Assert.Equal("REG_DWORD 0x5", wine.Query(LiveKeys.LicensingCore, "LicensingMode"));
        string journal = wine.NewJournal();

        // The holder keeps its own journal and its own machine-wide lock, standing in for a program that is not
        // rdscal: only the open key stands between the two.
        using var holder = wine.Hold(KeyOpenForWriting, new Dictionary<string, string> { ["RDSCAL_LIVE_LOCK"] = @"C:\ProgramData\other-writer\live-registry" },
            "set-mode", "per-device", "--journal", wine.NewJournal());
        Assert.Equal($"{KeyOpenForWriting} {LicensingCoreStep}", holder.PausedAt);

        string output = wine.Succeeds("set-mode", "per-user", "--journal", journal);
        Assert.Contains("the live registry was changed", output, StringComparison.Ordinal);
        Assert.Equal("REG_DWORD 0x4", wine.Query(LiveKeys.LicensingCore, "LicensingMode"));
        using (var doc = JsonDocument.Parse(wine.Succeeds("history", "--json", "--journal", journal)))
        {
            Assert.Equal("applied", Assert.Single(doc.RootElement.EnumerateArray()).GetProperty("status").GetString());
        }

        // Killed where it held the key, the holder wrote nothing: the change stays.
        holder.Kill();
        Assert.Equal("REG_DWORD 0x4", wine.Query(LiveKeys.LicensingCore, "LicensingMode"));
    }

    [WineFact]
    public void A_second_writer_on_the_same_journal_waits_then_is_refused_with_one_line_and_changes_nothing()
    {
        wine.Seed("unconfigured");
        byte[] before = wine.Export(LiveKeys.TerminalServer);
        string journal = wine.NewJournal();

        using var first = wine.Hold(BeforeAnyWrite, "set-mode", "per-device", "--journal", journal);
        Assert.Equal($"{BeforeAnyWrite} reg backup", first.PausedAt);

        var clock = Stopwatch.StartNew();
        var (exit, output, err) = wine.Rdscal(new Dictionary<string, string> { ["RDSCAL_LOCK_WAIT"] = "3" }, "set-mode", "per-user", "--journal", journal);
        clock.Stop();
        Assert.Equal(7, exit);
        string line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Matches(@"^rdscal: error: Z:\\.*\\journal\.jsonl: another rdscal is changing this file \(waited 3 s; its process id is in Z:\\.*\\\.journal\.jsonl\.rdscal-lock\); nothing was changed: try again when it has finished$", line);
        Assert.Equal(string.Empty, output);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(3), $"refused after {clock.Elapsed}, before the 3 s wait was over");
        Assert.Equal(before, wine.Export(LiveKeys.TerminalServer));

        // The first writer then finishes its own change, and the journal holds only that one.
        var done = first.Release();
        Assert.True(done.Exit == 0, done.Err);
        Assert.Equal("REG_DWORD 0x2", wine.Query(LiveKeys.LicensingCore, "LicensingMode"));
        using var doc = JsonDocument.Parse(wine.Succeeds("history", "--json", "--journal", journal));
        var entry = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("applied", entry.GetProperty("status").GetString());
    }

    [WineFact]
    public void A_second_writer_with_another_journal_waits_for_the_machine_wide_live_lock_and_changes_nothing()
    {
        wine.Seed("unconfigured");
        byte[] before = wine.Export(LiveKeys.TerminalServer);

        using var first = wine.Hold(BeforeAnyWrite, "set-mode", "per-device", "--journal", wine.NewJournal());
        var (exit, output, err) = wine.Rdscal(new Dictionary<string, string> { ["RDSCAL_LOCK_WAIT"] = "2" }, "set-mode", "per-user", "--journal", wine.NewJournal());
        Assert.Equal(7, exit);
        string line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Matches(@"^rdscal: error: C:\\ProgramData\\rdscal\\live-registry: another rdscal is changing this file \(waited 2 s; .*\); nothing was changed: try again when it has finished$", line);
        Assert.Equal(string.Empty, output);
        Assert.Equal(before, wine.Export(LiveKeys.TerminalServer));

        var done = first.Release();
        Assert.True(done.Exit == 0, done.Err);
        Assert.Equal("REG_DWORD 0x2", wine.Query(LiveKeys.LicensingCore, "LicensingMode"));
    }
}

using RdsCal.Registry.Changes;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests.Live;

/// <summary>The WMI outcome of a live change in the journal: its own line after the entry, absent from old entries.</summary>
public class JournalServiceUpdateTests
{
    private const string OldEntry = """{"id":"20250101T000000Z-abcdef","time":"2025-01-01T00:00:00+00:00","user":"admin","machine":"RDSH01","target":"live registry (HKLM)","description":"set the licensing mode to PerUser (4)","operations":[],"version":"0.1.0"}""";

    [Fact]
    public void An_entry_written_before_the_field_existed_reads_with_no_service_update()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("journal.jsonl"), OldEntry + "\n");
        var entry = Assert.Single(new ChangeJournal(temp.File("journal.jsonl")).ReadAll());
        Assert.Equal("20250101T000000Z-abcdef", entry.Id);
        Assert.Null(entry.ServiceUpdate);
        Assert.Null(entry.Failed);
    }

    [Fact]
    public void A_recorded_outcome_attaches_to_its_entry_only()
    {
        using var temp = new TempFolder();
        var journal = new ChangeJournal(temp.File("journal.jsonl"));
        File.WriteAllText(journal.Path, OldEntry + "\n");
        var update = new JournalServiceUpdate("ChangeMode", false, "classMissing", null, "the WMI class is missing");
        journal.RecordServiceUpdate("20250101T000000Z-abcdef", update);
        journal.RecordServiceUpdate("20250101T000000Z-000000", new JournalServiceUpdate("ChangeMode", true, "taken", 0, null));

        var entry = Assert.Single(journal.ReadAll());
        Assert.Equal(update, entry.ServiceUpdate);
        Assert.Equal(2, File.ReadAllLines(journal.Path).Length - 1);
    }
}

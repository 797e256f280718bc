using System.Text;
using RdsCal.Registry.Changes;
using RdsCal.Registry.Changes.Stores;
using RdsCal.Registry.Memory;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests;

/// <summary>The journal tells how each change ended and survives damaged lines; locks exclude a second writer.</summary>
public sealed class ChangeJournalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rdscal-journal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static RecordedChange SetMode(ChangeJournal journal, MemoryKey root, uint mode)
    {
        var old = root.Open(@"SYSTEM\A")?.GetValue("mode");
        var change = new ChangeSet($"mode {mode}", [new SetValueOperation(@"SYSTEM\A", RegistryValue.FromDWord("mode", mode), old)]);
        return ChangeRecorder.Apply(change, new MemoryStore(root), journal, "HKEY_LOCAL_MACHINE");
    }

    [Fact]
    public void Entries_are_written_pending_then_marked_and_only_applied_ones_are_undoable()
    {
        var journal = new ChangeJournal(Path.Combine(_dir, "j.jsonl"));
        var root = new MemoryKey();
        var first = SetMode(journal, root, 1);
        var second = SetMode(journal, root, 2);
        string[] lines = File.ReadAllLines(journal.Path);
        Assert.Equal(4, lines.Length);
        Assert.Contains("\"status\":\"pending\"", lines[0], StringComparison.Ordinal);
        Assert.Equal($"{{\"id\":\"{first.Id}\",\"status\":\"applied\"}}", lines[1]);
        journal.MarkRolledBack(second.Id, "nothing was changed");
        var entries = journal.ReadAll();
        Assert.Equal([ChangeOutcome.Applied, ChangeOutcome.RolledBack], entries.Select(e => e.Outcome));
        Assert.Equal("nothing was changed", entries[1].OutcomeReason);
        Assert.Equal(first.Id, journal.LastUndoable()!.Id);
        // An entry with no status line is pending: not undoable, not "applied".
        File.AppendAllText(journal.Path, lines[0].Replace(first.Id, "20990101T000000Z-aaaaaa", StringComparison.Ordinal) + "\n");
        Assert.Equal(ChangeOutcome.Pending, journal.Find("20990101T000000Z-aaaaaa")!.Outcome);
        Assert.Equal(first.Id, journal.LastUndoable()!.Id);
    }

    [Fact]
    public void An_entry_from_before_status_lines_counts_as_applied()
    {
        var journal = new ChangeJournal(Path.Combine(_dir, "old.jsonl"));
        File.WriteAllText(journal.Path, "{\"id\":\"20250101T000000Z-abcdef\",\"time\":\"2025-01-01T00:00:00+00:00\",\"user\":\"u\",\"machine\":\"m\",\"target\":\"t\",\"description\":\"d\",\"operations\":[{\"op\":\"createKey\",\"key\":\"SYSTEM\\\\K\"}],\"version\":\"0.1.0\"}\n");
        var entry = Assert.Single(journal.ReadAll());
        Assert.Equal(ChangeOutcome.Applied, entry.Outcome);
        Assert.IsType<CreateKeyOperation>(Assert.Single(entry.ToChangeSet().Operations));
    }

    [Fact]
    public void Damaged_lines_are_skipped_with_their_numbers_and_the_next_entry_starts_on_a_fresh_line()
    {
        var journal = new ChangeJournal(Path.Combine(_dir, "j.jsonl"));
        var root = new MemoryKey();
        var first = SetMode(journal, root, 1);
        string valid = File.ReadAllText(journal.Path);
        // Line 3: garbage; line 4: an entry whose operation is unknown; line 5: a status line for no entry;
        // line 6: an entry cut short by a kill (no newline).
        File.AppendAllText(journal.Path,
            "garbage \u0001 not json\n"
            + valid.Split('\n')[0].Replace("setValue", "frobnicate", StringComparison.Ordinal).Replace(first.Id, "20990101T000000Z-bbbbbb", StringComparison.Ordinal) + "\n"
            + "{\"id\":\"nobody\",\"status\":\"applied\"}\n"
            + valid[..(valid.Length / 3)]);
        var contents = journal.Read();
        Assert.Equal([first.Id], contents.Entries.Select(e => e.Id));
        Assert.Equal(4, contents.Warnings.Count);
        Assert.Equal([3, 4, 5, 6], contents.Warnings.Select(w => int.Parse(w.Split("line ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(contents.Warnings, w => Assert.StartsWith(journal.Path + ": line ", w, StringComparison.Ordinal));
        Assert.Contains("unknown operation 'frobnicate'", contents.Warnings[1], StringComparison.Ordinal);
        var second = SetMode(journal, root, 2);
        contents = journal.Read();
        Assert.Equal([first.Id, second.Id], contents.Entries.Select(e => e.Id));
        Assert.All(contents.Entries, e => Assert.Equal(ChangeOutcome.Applied, e.Outcome));
        Assert.Equal(4, contents.Warnings.Count);
        Assert.Equal(second.Id, journal.LastUndoable()!.Id);
    }

    [Fact]
    public void Staging_records_round_trip()
    {
        var journal = new ChangeJournal(Path.Combine(_dir, "j.jsonl"));
        var staged = new StagedFile("SYSTEM", "/x/SYSTEM", "/x/.SYSTEM.rdscal-stage-1.tmp", "/x/SYSTEM.rdscal-backup-1", "AA", "BB");
        journal.Append(new JournalEntry
        {
            Id = "20990101T000000Z-cccccc",
            Time = DateTimeOffset.UnixEpoch,
            User = "u",
            Machine = "m",
            Target = "t",
            Description = "d",
            Operations = [JournalOperation.From(new CreateKeyOperation(@"SYSTEM\K"))],
            Version = "1",
            Status = "pending",
            Staging = [staged],
            Script = "/x/change.reg",
        });
        var entry = Assert.Single(journal.ReadAll());
        Assert.Equal(ChangeOutcome.Pending, entry.Outcome);
        Assert.Equal(staged, Assert.Single(entry.Staging!));
        Assert.Equal("/x/change.reg", entry.Script);
        Assert.EndsWith("}\n", File.ReadAllText(journal.Path, Encoding.UTF8), StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_writer_waits_then_is_refused_and_gets_the_lock_once_it_is_free()
    {
        string target = Path.Combine(_dir, "SYSTEM");
        File.WriteAllText(target, "x");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (TargetLock.Acquire(target, TimeSpan.Zero))
        {
            var refused = Assert.Throws<TargetLockedException>(() => TargetLock.Acquire(target, TimeSpan.FromMilliseconds(300)));
            Assert.True(clock.ElapsedMilliseconds >= 300, $"gave up after {clock.ElapsedMilliseconds} ms");
            Assert.Contains("another rdscal is changing this file", refused.Message, StringComparison.Ordinal);
            Assert.Equal(target, refused.Target);
        }
        using var second = TargetLock.Acquire(target, TimeSpan.Zero);
        Assert.Equal(TargetLock.LockPathFor(target), second.LockPath);
        Assert.Equal("x", File.ReadAllText(target));
    }

    [LinuxFact]
    public void A_lock_file_that_cannot_be_created_is_reported_at_once_as_itself_not_as_another_writer()
    {
        // A name the target can have but its lock file cannot (".NAME.rdscal-lock" passes NAME_MAX): an error no
        // wait will cure, like a read-only file system or a full disk.
        string target = Path.Combine(_dir, new string('S', 250));
        File.WriteAllText(target, "x");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failed = Assert.Throws<WriteFailedException>(() => TargetLock.Acquire(target, TimeSpan.FromSeconds(5)));
        Assert.True(clock.ElapsedMilliseconds < 2000, $"waited {clock.ElapsedMilliseconds} ms for an error that is not a lock conflict");
        Assert.StartsWith($"{target}: its lock file {TargetLock.LockPathFor(target)} cannot be written (", failed.Message, StringComparison.Ordinal);
        Assert.EndsWith("); nothing was changed", failed.Message, StringComparison.Ordinal);
    }
}

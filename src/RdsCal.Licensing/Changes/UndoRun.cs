using RdsCal.Licensing.Live;
using RdsCal.Licensing.Plans;
using RdsCal.Registry.Changes;

namespace RdsCal.Licensing.Changes;

/// <summary>
/// The undo of one recorded change: <see cref="Begin"/> locks the journal, chooses the entry, locks its files
/// (settling any change a killed run left on them, then choosing again, so a settled entry is seen as it ended),
/// and checks it can be undone; <see cref="Apply"/> writes the inverse as a new, itself undoable, change. The
/// locks are held until disposal.
/// </summary>
public sealed class UndoRun : IDisposable
{
    private readonly ChangeRun _run;

    private UndoRun(ChangeRun run, JournalEntry entry)
    {
        _run = run;
        Entry = entry;
        Inverse = entry.ToChangeSet().Inverse();
    }

    /// <summary>The change being undone.</summary>
    public JournalEntry Entry { get; }

    /// <summary>What the undo writes.</summary>
    public ChangeSet Inverse { get; }

    /// <summary>The journal.</summary>
    public ChangeJournal Journal => _run.Journal;

    /// <summary>Journal lines that could not be read (they are skipped).</summary>
    public IReadOnlyList<string> JournalWarnings => _run.JournalWarnings;

    /// <summary>What settling interrupted runs on the entry's files did.</summary>
    public IReadOnlyList<string> SettledNotes => _run.SettledNotes;

    /// <summary>
    /// Chooses the entry <paramref name="entryId"/> (a unique prefix is enough), or with null the latest change not
    /// yet undone, and prepares its undo. <paramref name="given"/> names files in place of the recorded ones; a
    /// <paramref name="preview"/> locks nothing.
    /// </summary>
    /// <exception cref="ChangeRefusedException">No such entry, nothing to undo, or the entry is pending, rolled back or undone.</exception>
    /// <exception cref="TargetLockedException">Another writer holds the journal or a file.</exception>
    public static UndoRun Begin(string? entryId, MachineLocation given, ChangeRunOptions options, bool preview)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(options);
        var journal = new ChangeJournal(options.JournalPath);
        var session = preview ? null : ChangeSession.Open(journal, options.LockWait);
        try
        {
            var entry = Find(journal, entryId);
            var settled = new List<string>();
            if (session is not null)
            {
                // With nothing to choose yet, every pending entry's files are locked and settled: one of them may
                // be what there is to undo once settled.
                var files = entry is null
                    ? journal.ReadAll().Where(e => e.Outcome == ChangeOutcome.Pending).SelectMany(e => e.Staging ?? []).Select(s => s.Target).Where(File.Exists).ToList()
                    : MachineLocation.Of(entry, given).LockTargets(options.LiveLockPath);
                settled.AddRange(session.Lock(files));
                entry = Find(journal, entryId);
                // Settling may have changed which entry is chosen; its files are locked too if they were not.
                if (entry is not null && MachineLocation.Of(entry, given).LockTargets(options.LiveLockPath) is var chosen && chosen.Except(files).Any())
                {
                    settled.AddRange(session.Lock(chosen));
                    entry = Find(journal, entryId);
                }
            }
            if (entry is null)
            {
                throw new ChangeRefusedException(entryId is null
                    ? new ChangeRefusal(ChangeRefusalReason.NothingToUndo, $"{journal.Path}: no change to undo", journal.Path)
                    : new ChangeRefusal(ChangeRefusalReason.EntryNotFound, $"{journal.Path}: no entry '{entryId}'", entryId));
            }
            Require(entry);
            var run = ChangeRun.Adopt(MachineLocation.Of(entry, given), options, session, settled);
            session = null;
            return new UndoRun(run, entry);
        }
        finally
        {
            session?.Dispose();
        }
    }

    /// <summary>Writes the inverse and records it as the entry's undo.</summary>
    /// <param name="ignoreDrift">Undo even when the values are no longer what the change left.</param>
    /// <exception cref="ChangeConflictException">The registry drifted since the change and <paramref name="ignoreDrift"/> is false; nothing was touched.</exception>
    /// <exception cref="InvalidOperationException">This undo was begun as a preview.</exception>
    public RecordedChange Apply(bool ignoreDrift) => _run.Record(Inverse, Entry.Id, ignoreDrift);

    /// <summary>
    /// On a live host, asks the running service to take what the undo wrote (the mode through ChangeMode, the server
    /// list through SetSpecifiedLicenseServerList) and records the outcome; null offline or when the undo writes
    /// nothing the service can take without a restart.
    /// </summary>
    public ServiceUpdate? UpdateRunningService(RecordedChange recorded, LiveQueries live)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(live);
        return _run.UpdateRunningService(LiveFollowUps.For(Inverse), recorded, live);
    }

    /// <summary>Releases the locks.</summary>
    public void Dispose() => _run.Dispose();

    private static JournalEntry? Find(ChangeJournal journal, string? wanted) =>
        wanted is null ? journal.LastUndoable() : journal.Find(wanted);

    private static void Require(JournalEntry entry)
    {
        var refusal = entry.Outcome switch
        {
            ChangeOutcome.Pending => new ChangeRefusal(ChangeRefusalReason.EntryPending, $"change {entry.Id} is still pending (interrupted or running); the next change of its files settles it", entry.Id),
            ChangeOutcome.RolledBack => new ChangeRefusal(ChangeRefusalReason.EntryRolledBack, $"change {entry.Id} was rolled back: nothing to undo", entry.Id),
            _ when entry.UndoneBy is not null => new ChangeRefusal(ChangeRefusalReason.EntryAlreadyUndone, $"change {entry.Id} was already undone by {entry.UndoneBy}", entry.Id),
            _ => null,
        };
        if (refusal is not null)
        {
            throw new ChangeRefusedException(refusal);
        }
    }
}

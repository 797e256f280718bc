namespace RdsCal.Registry.Changes;

/// <summary>
/// One writer's hold on a journal and the files it changes, for a whole read-plan-check-write cycle. Opening takes
/// the journal's lock; <see cref="Lock"/> takes the targets' locks (always after the journal's, each set in one
/// fixed order), settles changes a killed run left pending on those files (found from the markers beside them, in
/// whichever journal recorded them), and removes temporary files killed runs left beside them. A second writer waits up to the given time, then is refused; it never plans from a state the
/// first is about to replace.
/// </summary>
public sealed class ChangeSession : IDisposable
{
    private readonly List<TargetLock> _locks = [];
    private readonly HashSet<string> _locked = new(StringComparer.Ordinal);
    private readonly TimeSpan _wait;

    private ChangeSession(ChangeJournal journal, TimeSpan wait)
    {
        Journal = journal;
        _wait = wait;
    }

    /// <summary>The journal, locked.</summary>
    public ChangeJournal Journal { get; }

    /// <summary>Warnings about journal lines that could not be read, from the last <see cref="Lock"/>.</summary>
    public IReadOnlyList<string> JournalWarnings { get; private set; } = [];

    /// <summary>Locks the journal, waiting up to <paramref name="wait"/> (default <see cref="TargetLock.DefaultWait"/>).</summary>
    /// <exception cref="TargetLockedException">Another writer holds the journal.</exception>
    public static ChangeSession Open(ChangeJournal journal, TimeSpan? wait = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var session = new ChangeSession(journal, wait ?? TargetLock.DefaultWait);
        string full = Path.GetFullPath(journal.Path);
        RegistryInput.EnsureFileTarget(full);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        session._locks.Add(TargetLock.Acquire(full, session._wait));
        return session;
    }

    /// <summary>
    /// Locks the files (hives, .reg inputs, a change script), settles pending changes on them, and removes stale
    /// temporary files beside them; returns what to tell the user.
    /// </summary>
    /// <exception cref="TargetLockedException">Another writer holds one of them; none of them is locked by this call.</exception>
    public IReadOnlyList<string> Lock(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var wanted = files.Select(FileNode.RealPath).Where(f => !_locked.Contains(f)).ToList();
        foreach (var l in TargetLock.AcquireAll(wanted, _wait))
        {
            _locks.Add(l);
            _locked.Add(l.Target);
        }
        var notes = SettleMarked(wanted);
        notes.AddRange(JournalReconciler.Reconcile(Journal, _locked));
        var contents = Journal.Read();
        JournalWarnings = contents.Warnings;
        var pendingStaged = contents.Entries.Where(e => e.Outcome == ChangeOutcome.Pending)
            .SelectMany(e => e.Staging ?? []).Select(s => Path.GetFullPath(s.Staged)).ToHashSet(StringComparer.Ordinal);
        foreach (var l in _locks.Where(l => wanted.Contains(l.Target)))
        {
            notes.AddRange(l.RemoveStaleTemporaryFiles(pendingStaged));
        }
        return notes;
    }

    /// <summary>
    /// Settles the changes whose markers (<see cref="PendingMarker"/>) lie beside the targets: a change killed between
    /// its renames is found from its files, not from the journal this run happens to use. Its other files are locked
    /// too, and, when it was recorded in another journal, that journal, and it is settled there; a marker whose entry
    /// is not pending is removed. A lock that cannot be had in the wait refuses the run (one line, nothing changed).
    /// </summary>
    /// <exception cref="TargetLockedException">Another writer holds the change's journal or one of its files.</exception>
    /// <exception cref="PendingChangeException">The change's journal is gone or cannot be read.</exception>
    private List<string> SettleMarked(IEnumerable<string> targets)
    {
        var notes = new List<string>();
        var queue = new Queue<string>(targets);
        while (queue.Count > 0)
        {
            string target = queue.Dequeue();
            if (PendingMarker.Read(target) is not { } marker)
            {
                continue;
            }
            if (marker.Journal is null || marker.Entry is null || marker.BeforeHash is null)
            {
                // Torn: the run died writing it, which is before it wrote its entry or renamed anything.
                File.Delete(marker.Marker);
                continue;
            }
            bool same = FileNode.KindOf(Journal.Path) != FileNodeKind.Missing && FileNode.SameFile(marker.Journal, Journal.Path);
            if (!same && FileNode.KindOf(marker.Journal) == FileNodeKind.Missing)
            {
                // The run died before its entry (the first entry creates the journal), or the journal was lost.
                RemoveIfUnchanged(target, marker, "which does not exist");
                continue;
            }
            var journal = same ? Journal : new ChangeJournal(marker.Journal);
            // Its journal's lock is taken after this run's own locks: a writer holding it and waiting for these files
            // meets the wait and is refused, never a deadlock.
            using var journalLock = same ? null : TargetLock.Acquire(Path.GetFullPath(marker.Journal), _wait);
            JournalEntry? entry;
            try
            {
                entry = journal.ReadAll().FirstOrDefault(e => e.Id == marker.Entry);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or RegistryFormatException)
            {
                throw new PendingChangeException(target, marker.Marker, $"change {marker.Entry} of the journal {marker.Journal}, which cannot be read: {e.Message}");
            }
            if (entry is null)
            {
                // Never recorded: the run died before its entry, so it renamed nothing.
                RemoveIfUnchanged(target, marker, "which has no such entry");
                continue;
            }
            if (entry.Outcome != ChangeOutcome.Pending)
            {
                // Settled since (the run died after recording how it ended): nothing is pending on the file.
                File.Delete(marker.Marker);
                continue;
            }
            var others = (entry.Staging ?? []).Select(s => FileNode.RealPath(s.Target)).Where(t => !_locked.Contains(t)).ToList();
            foreach (var l in TargetLock.AcquireAll(others, _wait))
            {
                _locks.Add(l);
                _locked.Add(l.Target);
                // Their own markers may name other interrupted changes.
                queue.Enqueue(l.Target);
            }
            if (!same)
            {
                notes.AddRange(JournalReconciler.Reconcile(journal, _locked).Select(n => $"{n} (recorded in {journal.Path})"));
            }
        }
        return notes;
    }

    // A marker without its entry is stale when its target is as it was before the change; otherwise the change may
    // be in place with its record lost, and a person decides.
    private static void RemoveIfUnchanged(string target, PendingMarker.Contents marker, string why)
    {
        if (StagedCommit.Hash(target) != marker.BeforeHash)
        {
            throw new PendingChangeException(target, marker.Marker, $"change {marker.Entry} of the journal {marker.Journal}, {why}, and the file is no longer as it was before that change");
        }
        File.Delete(marker.Marker);
    }

    /// <summary>Releases every lock.</summary>
    public void Dispose()
    {
        for (int i = _locks.Count - 1; i >= 0; i--)
        {
            _locks[i].Dispose();
        }
        _locks.Clear();
    }
}

namespace RdsCal.Registry.Changes;

/// <summary>
/// One writer's hold on a journal and the files it changes, for a whole read-plan-check-write cycle. Opening takes
/// the journal's lock; <see cref="Lock"/> takes the targets' locks (always after the journal's, each set in one
/// fixed order), settles changes a killed run left pending on those files, and removes temporary files killed runs
/// left beside them. A second writer waits up to the given time, then is refused; it never plans from a state the
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
        var notes = new List<string>(JournalReconciler.Reconcile(Journal, _locked));
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

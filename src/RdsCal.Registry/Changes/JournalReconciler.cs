namespace RdsCal.Registry.Changes;

/// <summary>
/// Settles changes a killed run left pending, by what their target files actually hold (SHA-256 of each hive against
/// the hashes recorded before and after the change). A change that reached every file is recorded as applied; one
/// that reached none is rolled back (its staged files deleted); one that reached some is completed by renaming the
/// rest of its staged hives into place, or, when a staged hive is gone, rolled back by putting the changed hives
/// back from their backups. A file that holds neither state (changed by something else since) is left alone and
/// the entry recorded as failed with both paths, for a person to decide. Runs under the locks of every file involved.
/// </summary>
public static class JournalReconciler
{
    /// <summary>
    /// Settles the pending entries whose hive files are all in <paramref name="locked"/>, and those that only wrote
    /// a change script (the journal's lock covers them); returns one line per entry for the user. Changes to the
    /// live registry are left to a run on that machine.
    /// </summary>
    public static IReadOnlyList<string> Reconcile(ChangeJournal journal, IReadOnlySet<string> locked)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(locked);
        var notes = new List<string>();
        foreach (var entry in journal.ReadAll().Where(e => e.Outcome == ChangeOutcome.Pending))
        {
            bool settleable = entry.Staging is { Count: > 0 } staging
                ? staging.All(s => locked.Contains(Path.GetFullPath(s.Target)))
                : entry.Script is not null && entry.Parts?.Values.Any(p => p == "live") != true;
            if (!settleable)
            {
                continue;
            }
            try
            {
                notes.Add($"change {entry.Id} ({entry.Description}) was interrupted: {Settle(journal, entry)}");
                foreach (var s in entry.Staging ?? [])
                {
                    PendingMarker.Remove(s.Target, entry.Id);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new WriteFailedException($"settling the interrupted change {entry.Id} failed ({e.Message}); it stays pending and the next run settles it", e);
            }
        }
        return notes;
    }

    private static string Settle(ChangeJournal journal, JournalEntry entry)
    {
        var staging = entry.Staging ?? [];
        var state = staging.ToDictionary(s => s, s => StagedCommit.Hash(s.Target));
        bool scriptDone = entry.Script is null || File.Exists(entry.Script);
        var committed = staging.Where(s => state[s] == s.AfterHash).ToList();
        var untouched = staging.Where(s => state[s] == s.BeforeHash).ToList();
        var neither = staging.Except(committed).Except(untouched).ToList();
        if (neither.Count > 0)
        {
            string reason = "interrupted; " + string.Join("; ", neither.Select(s => $"{s.Target} holds neither the state before nor after the change (changed since?): compare it with its backup {s.Backup}"));
            journal.MarkFailed(entry.Id, reason);
            return $"left as it is and recorded as failed: {reason}";
        }
        if (committed.Count == staging.Count && scriptDone)
        {
            journal.MarkApplied(entry.Id, "every file held the change when the interrupted run was settled");
            return "every file holds the change: recorded as applied";
        }
        if (committed.Count == 0)
        {
            foreach (var s in staging)
            {
                StagedCommit.Discard(s);
            }
            journal.MarkRolledBack(entry.Id, "interrupted before any file was changed; nothing was changed");
            return "no file had been changed: recorded as rolled back (nothing was changed)";
        }
        if (entry.Script is null && untouched.All(s => File.Exists(s.Staged) && StagedCommit.Hash(s.Staged) == s.AfterHash))
        {
            foreach (var s in untouched)
            {
                StagedCommit.Rename(s);
                StagedCommit.FlushFolder(s);
            }
            journal.MarkApplied(entry.Id, $"completed when the interrupted run was settled: {string.Join(", ", untouched.Select(s => s.Target))} renamed into place");
            return $"completed it: {string.Join(", ", untouched.Select(s => s.Target))} now hold(s) the change too; recorded as applied";
        }
        foreach (var s in committed)
        {
            StagedCommit.Restore(s);
        }
        foreach (var s in untouched)
        {
            StagedCommit.Discard(s);
        }
        journal.MarkRolledBack(entry.Id, $"interrupted part-way; {string.Join(", ", committed.Select(s => s.Target))} put back from the backup: nothing was changed");
        return $"rolled it back: {string.Join(", ", committed.Select(s => s.Target))} put back as it was; recorded as rolled back (nothing was changed)";
    }
}

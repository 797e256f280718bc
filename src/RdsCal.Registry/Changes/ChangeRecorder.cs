using RdsCal.Registry.RegText;

namespace RdsCal.Registry.Changes;

/// <summary>What a recorded apply did.</summary>
/// <param name="Id">The journal entry.</param>
/// <param name="BackupPath">The .reg backup of every touched key, taken before the change.</param>
/// <param name="Notes">What the store reported (files saved, backups, logs moved).</param>
public sealed record RecordedChange(string Id, string BackupPath, IReadOnlyList<string> Notes);

/// <summary>
/// Applies a change set the safe way: preconditions first, and every target checked writable (nothing is touched
/// when one fails), then a byte-exact .reg backup of every key it touches, then the change. A change to hive files
/// is all or nothing: each new hive is staged beside its target, a journal entry is written as pending, the staged
/// hives are renamed over their targets (the ones already renamed are put back if a later one fails), and only
/// then is the entry marked applied. A run killed part-way is settled by <see cref="JournalReconciler"/> on the
/// next run. The caller holds the locks (<see cref="ChangeSession"/>) for the whole read-plan-apply cycle.
/// </summary>
public static class ChangeRecorder
{
    /// <summary>Applies and records a change.</summary>
    /// <param name="changes">The change.</param>
    /// <param name="store">Where to apply it.</param>
    /// <param name="journal">Where to record it.</param>
    /// <param name="rootPrefix">The .reg path of the store root, e.g. <c>HKEY_LOCAL_MACHINE</c>.</param>
    /// <param name="force">Apply even when preconditions fail (the drift is still recorded in the backup).</param>
    /// <param name="undoOf">The entry this change undoes, if any.</param>
    /// <param name="parts">The inputs changed, by part name, recorded so undo can reopen them.</param>
    /// <exception cref="ChangeConflictException">A precondition failed and <paramref name="force"/> is false; nothing was touched.</exception>
    /// <exception cref="WriteFailedException">Writing failed; the message says what the targets hold (normally: nothing was changed).</exception>
    public static RecordedChange Apply(ChangeSet changes, IRegistryStore store, ChangeJournal journal, string rootPrefix, bool force = false, string? undoOf = null, IReadOnlyDictionary<string, string>? parts = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(journal);
        var drift = changes.Drift(store.Root);
        if (drift.Count > 0 && !force)
        {
            throw new ChangeConflictException(store.Label, drift);
        }
        var staged = StagedParts(store);
        foreach (var (_, part) in staged)
        {
            part.EnsureWritable();
        }
        string id = ChangeJournal.NewId();
        string backup = Path.Combine(journal.BackupFolder, $"{id}.reg");
        try
        {
            Directory.CreateDirectory(journal.BackupFolder);
            WriteStep.Reached("reg backup");
            WriteBackup(store.Root, changes.TouchedKeys(), rootPrefix, backup, id);
        }
        catch (IOException e) when (e is not WriteFailedException)
        {
            throw new WriteFailedException($"{backup}: writing the backup failed ({e.Message}); nothing was changed", e);
        }
        var entry = new JournalEntry
        {
            Id = id,
            Time = DateTimeOffset.UtcNow,
            User = Environment.UserName,
            Machine = Environment.MachineName,
            Target = store.Label,
            Description = changes.Description,
            Operations = changes.Operations.Select(JournalOperation.From).ToList(),
            BackupPath = backup,
            Version = typeof(ChangeRecorder).Assembly.GetName().Version?.ToString(3) ?? "0",
            UndoOf = undoOf,
            Parts = parts,
            Status = "pending",
            Script = ScriptOf(store),
        };
        return staged.Count > 0
            ? ApplyStaged(changes, store, journal, entry, staged)
            : ApplyDirect(changes, store, journal, entry);
    }

    private static RecordedChange ApplyStaged(ChangeSet changes, IRegistryStore store, ChangeJournal journal, JournalEntry entry, List<(string Name, IStagedStore Store)> parts)
    {
        var files = new List<(StagedFile File, IStagedStore Store)>();
        try
        {
            changes.ApplyOperations(store);
            foreach (var (name, part) in parts)
            {
                if (part.Stage(name, entry.Id) is { } file)
                {
                    files.Add((file, part));
                }
            }
            // Before the entry: a marker beside each target names the change, so that a kill between the renames is
            // found from the files by any later run, whatever journal it uses (a marker without its entry is stale).
            foreach (var (file, _) in files)
            {
                PendingMarker.Write(file, journal.Path, entry.Id);
            }
            journal.Append(entry with { Staging = files.Select(f => f.File).ToList() });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing was renamed and no entry written (or the entry write failed): the targets are untouched.
            foreach (var (file, _) in files)
            {
                Quietly(() => StagedCommit.Discard(file));
                Quietly(() => PendingMarker.Remove(file.Target, entry.Id));
            }
            Quietly(() => File.Delete(entry.BackupPath!));
            throw Untouched(e);
        }
        var committed = new List<StagedFile>();
        var notes = new List<string>();
        try
        {
            foreach (var (file, _) in files)
            {
                StagedCommit.Rename(file);
                committed.Add(file);
                StagedCommit.FlushFolder(file);
            }
            // Parts that are not staged (a .reg change script) are written after every hive is in place.
            notes.AddRange(store.Commit());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var left = RollBack(files.Select(f => f.File).ToList(), committed);
            string cause = e.Message;
            if (left.Count == 0)
            {
                string told = Record(() => journal.MarkRolledBack(entry.Id, $"{cause}; every file was put back: nothing was changed"));
                RemoveMarkers(files, entry.Id, told);
                throw new WriteFailedException($"{cause}; every file was put back as it was: nothing was changed{told}", e);
            }
            string truth = $"{cause}; the change is only partly in place: {string.Join("; ", left)}";
            string recorded = Record(() => journal.MarkFailed(entry.Id, truth));
            RemoveMarkers(files, entry.Id, recorded);
            throw new WriteFailedException(truth + recorded, e);
        }
        try
        {
            journal.MarkApplied(entry.Id);
            RemoveMarkers(files, entry.Id, string.Empty);
        }
        catch (IOException e)
        {
            notes.Add($"warning: the change was made, but the journal could not record it as applied ({e.Message}); the next change of these files records it");
        }
        foreach (var (file, part) in files)
        {
            try
            {
                notes.AddRange(part.AfterCommit(file));
            }
            catch (IOException e)
            {
                notes.Add($"warning: {file.Target} was saved, but tidying up after it failed: {e.Message}");
            }
        }
        return new RecordedChange(entry.Id, entry.BackupPath!, notes);
    }

    private static RecordedChange ApplyDirect(ChangeSet changes, IRegistryStore store, ChangeJournal journal, JournalEntry entry)
    {
        try
        {
            journal.Append(entry);
        }
        catch (IOException e)
        {
            Quietly(() => File.Delete(entry.BackupPath!));
            throw Untouched(e);
        }
        IReadOnlyList<string> notes;
        try
        {
            notes = changes.Apply(store, force: true);
        }
        catch (Exception e)
        {
            // Stores that are files or memory write at most one file, atomically: a failure left everything as it was.
            // A live registry may hold part of the change.
            if (WritesFilesOnly(store))
            {
                Record(() => journal.MarkRolledBack(entry.Id, $"{e.Message}; nothing was changed"));
                throw e is IOException and not WriteFailedException ? Untouched(e) : e;
            }
            Record(() => journal.MarkFailed(entry.Id, $"{e.Message} (part of the change may be in place: read the machine's status to see which)"));
            throw;
        }
        var all = notes.ToList();
        try
        {
            journal.MarkApplied(entry.Id);
        }
        catch (IOException e)
        {
            all.Add($"warning: the change was made, but the journal could not record it as applied ({e.Message})");
        }
        return new RecordedChange(entry.Id, entry.BackupPath!, all);
    }

    // Once the journal says how the change ended, its markers are stale; while it does not (the status line could not
    // be written), they stay, so that a later run settles the entry from the files.
    private static void RemoveMarkers(List<(StagedFile File, IStagedStore Store)> files, string id, string recordProblem)
    {
        if (recordProblem.Length > 0)
        {
            return;
        }
        foreach (var (file, _) in files)
        {
            Quietly(() => PendingMarker.Remove(file.Target, id));
        }
    }

    /// <summary>Puts committed targets back and discards the rest; returns what could not be put back.</summary>
    private static List<string> RollBack(IReadOnlyList<StagedFile> all, List<StagedFile> committed)
    {
        var left = new List<string>();
        for (int i = committed.Count - 1; i >= 0; i--)
        {
            var file = committed[i];
            try
            {
                StagedCommit.Restore(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                left.Add($"{file.Target} holds the change and could not be put back ({e.Message}); its original is {file.Backup}");
            }
        }
        foreach (var file in all.Where(f => !committed.Contains(f)))
        {
            Quietly(() => StagedCommit.Discard(file));
        }
        return left;
    }

    private static Exception Untouched(Exception e) => e switch
    {
        UnauthorizedAccessException => new UnauthorizedAccessException($"{e.Message}; nothing was changed", e),
        _ => new WriteFailedException($"{e.Message.TrimEnd('.')}; nothing was changed", e),
    };

    /// <summary>Runs a journal write; on failure returns a note for the message (the entry stays pending and the next run settles it).</summary>
    private static string Record(Action write)
    {
        try
        {
            write();
            return string.Empty;
        }
        catch (IOException e)
        {
            return $" (the journal could not record this: {e.Message}; the next run settles the entry)";
        }
    }

    private static void Quietly(Action cleanup)
    {
        try
        {
            cleanup();
        }
        catch (IOException)
        {
            // Left for the next run's clean-up of stale temporary files.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private static List<(string Name, IStagedStore Store)> StagedParts(IRegistryStore store) => store switch
    {
        // A hive changed on its own (import) is named by its file, as the parts of a machine are (SYSTEM, SOFTWARE).
        IStagedStore s => [(Path.GetFileName(s.Label), s)],
        Stores.GpoStore g => [.. g.StagedParts],
        Stores.CompositeStore c => c.Parts.Where(p => p.Value is IStagedStore).Select(p => (p.Key, (IStagedStore)p.Value)).ToList(),
        _ => [],
    };

    private static string? ScriptOf(IRegistryStore store) => store switch
    {
        Stores.RegChangeStore r => r.ScriptPath,
        Stores.CompositeStore c => c.Parts.Values.OfType<Stores.RegChangeStore>().Select(r => r.ScriptPath).FirstOrDefault(),
        _ => null,
    };

    private static bool WritesFilesOnly(IRegistryStore store) => store switch
    {
        Stores.CompositeStore c => c.Parts.Values.All(WritesFilesOnly),
        Stores.RegChangeStore or Stores.MemoryStore or Stores.GpoStore or IStagedStore => true,
        _ => false,
    };

    /// <summary>
    /// Writes the keys as a v5 .reg file, byte-exact; a key absent now is written as a deletion, so importing
    /// the backup also removes what the change created. <paramref name="output"/> says whether an existing file
    /// may be replaced (by default it may not).
    /// </summary>
    /// <exception cref="OutputRefusedException">The file exists (and may not be replaced), is an input or is a folder.</exception>
    public static void WriteBackup(RegistryKey root, IReadOnlyList<string> keys, string rootPrefix, string path, string id, OutputOptions? output = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(keys);
        RegTextWriter.WriteFile(path, w =>
        {
            w.WriteComment($"rdscal: backup for change {id}, taken {DateTimeOffset.UtcNow:u} before the change");
            foreach (string key in keys)
            {
                string full = RegistryPath.Combine(rootPrefix, string.Join('\\', RegistryPath.Split(key)));
                if (root.Open(key) is { } existing)
                {
                    w.WriteTree(existing, full);
                }
                else
                {
                    w.WriteComment($"{full} did not exist before the change");
                    w.WriteDeleteKey(full);
                }
            }
        }, output: output);
    }
}

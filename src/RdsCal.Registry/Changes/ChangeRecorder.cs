using RdsCal.Registry.RegText;

namespace RdsCal.Registry.Changes;

/// <summary>What a recorded apply did.</summary>
/// <param name="Id">The journal entry.</param>
/// <param name="BackupPath">The .reg backup of every touched key, taken before the change.</param>
/// <param name="Notes">What the store reported (files saved, backups, logs moved).</param>
public sealed record RecordedChange(string Id, string BackupPath, IReadOnlyList<string> Notes);

/// <summary>
/// Applies a change set the safe way: preconditions first (nothing is touched when one fails), then a byte-exact
/// .reg backup of every key it touches, then a journal entry, then the change itself.
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
        string id = ChangeJournal.NewId();
        Directory.CreateDirectory(journal.BackupFolder);
        string backup = Path.Combine(journal.BackupFolder, $"{id}.reg");
        WriteBackup(store.Root, changes.TouchedKeys(), rootPrefix, backup, id);
        journal.Append(new JournalEntry
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
        });
        try
        {
            return new RecordedChange(id, backup, changes.Apply(store, force: true));
        }
        catch (Exception e)
        {
            journal.MarkFailed(id, e.Message);
            throw;
        }
    }

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
            w.WriteComment($"rdscal backup for change {id}, taken {DateTimeOffset.UtcNow:u} before the change");
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

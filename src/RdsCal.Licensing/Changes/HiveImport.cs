using RdsCal.Registry.Changes;
using RdsCal.Registry.Changes.Stores;
using RdsCal.Registry.RegText;

namespace RdsCal.Licensing.Changes;

/// <summary>The typed outcome of an import, for a front end to word.</summary>
/// <param name="Plan">What the file changes, with the counts to report.</param>
/// <param name="Journal">The journal the import is recorded in.</param>
/// <param name="Recorded">The recorded change, or null when the hive already held everything the file sets.</param>
/// <param name="HiveBackup">The original hive kept beside it, or null (nothing changed, or no copy was asked for).</param>
/// <param name="JournalWarnings">Journal lines that could not be read.</param>
/// <param name="SettledNotes">What settling interrupted runs on the hive did.</param>
public sealed record HiveImportResult(RegImportPlan Plan, ChangeJournal Journal, RecordedChange? Recorded, string? HiveBackup,
    IReadOnlyList<string> JournalWarnings, IReadOnlyList<string> SettledNotes);

/// <summary>
/// <c>import</c>: a .reg file applied to an offline hive through the same path as every licensing change: the journal
/// and the hive locked from read to write (interrupted runs on it settled first), the hive verified, a precondition per
/// operation checked just before the write, a .reg backup of every touched key, a pending journal entry, the staged
/// hive renamed into place, and an undo that leaves the hive exporting byte for byte as before.
/// </summary>
public static class HiveImport
{
    /// <summary>Imports <paramref name="document"/> (read from <paramref name="regPath"/>) into the hive at <paramref name="hivePath"/>.</summary>
    /// <param name="hivePath">The hive to change.</param>
    /// <param name="document">The .reg file.</param>
    /// <param name="regPath">Where it was read from.</param>
    /// <param name="prefix">The key path in the file that stands for the hive root; null: the file's own (<see cref="RegImport.Plan"/>).</param>
    /// <param name="options">The journal, lock wait, and whether a hive that fails verification is written anyway.</param>
    /// <param name="keepHiveBackup">Keep the original hive beside it once the change is in place (the journal's .reg backup is always kept).</param>
    /// <exception cref="ChangeRefusedException">The journal folder is not writable.</exception>
    /// <exception cref="TargetLockedException">Another writer holds the journal or the hive.</exception>
    /// <exception cref="CorruptTargetException">The hive fails verification; nothing was written.</exception>
    /// <exception cref="RegImportException">A key is outside the prefix, or the file deletes the hive root; nothing was written.</exception>
    /// <exception cref="ChangeConflictException">The hive changed between plan and write; nothing was written.</exception>
    /// <exception cref="Registry.WriteFailedException">Writing failed; the message says what the hive holds.</exception>
    public static HiveImportResult Execute(string hivePath, RegTextDocument document, string regPath, string? prefix, ChangeRunOptions options, bool keepHiveBackup = true)
    {
        ArgumentNullException.ThrowIfNull(hivePath);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        // The backups name keys as the file does (its prefix), so importing one restores them.
        using var run = ChangeRun.Begin(MachineLocation.Hive(hivePath, RegImport.RootOf(document, prefix)), options);
        RegImportPlan plan;
        using (var hive = new HiveStore(hivePath, force: options.WriteToCorruptHive))
        {
            plan = RegImport.Plan(hive.Root, document, regPath, prefix);
        }
        if (plan.Changes.IsEmpty)
        {
            return new HiveImportResult(plan, run.Journal, null, null, run.JournalWarnings, run.SettledNotes);
        }
        var recorded = run.Record(plan.Changes, undoOf: null, ignoreDrift: false);
        string? backup = run.Journal.Find(recorded.Id)?.Staging is { Count: > 0 } staged ? staged[0].Backup : null;
        if (!keepHiveBackup && backup is not null)
        {
            // Only a rollback of this change needed it, and the change is in place; the journal can still undo it.
            File.Delete(backup);
            backup = null;
        }
        return new HiveImportResult(plan, run.Journal, recorded, backup, run.JournalWarnings, run.SettledNotes);
    }
}

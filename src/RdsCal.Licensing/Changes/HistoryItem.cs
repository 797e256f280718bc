using RdsCal.Registry.Changes;

namespace RdsCal.Licensing.Changes;

/// <summary>One recorded change as a history lists it: the journal entry's facts and how it ended, in words.</summary>
/// <param name="Id">The journal entry id.</param>
/// <param name="Time">When the change was made (UTC).</param>
/// <param name="User">Who made it.</param>
/// <param name="Machine">On which computer rdscal ran.</param>
/// <param name="Target">What it changed (files, or the live registry).</param>
/// <param name="Description">What the change does.</param>
/// <param name="BackupPath">The .reg backup taken before it.</param>
/// <param name="Version">The rdscal version that made it.</param>
/// <param name="UndoOf">The entry it undid, if it is an undo.</param>
/// <param name="Parts">The inputs changed, by part name.</param>
/// <param name="Status">How it ended: applied, pending, failed, rolled back, undone.</param>
/// <param name="ServiceUpdate">Whether the running service took a live change.</param>
/// <param name="Operations">What it wrote, operation by operation.</param>
public sealed record HistoryItem(
    string Id,
    DateTimeOffset Time,
    string User,
    string Machine,
    string Target,
    string Description,
    string? BackupPath,
    string Version,
    string? UndoOf,
    IReadOnlyDictionary<string, string>? Parts,
    string Status,
    JournalServiceUpdate? ServiceUpdate,
    IReadOnlyList<JournalOperation> Operations)
{
    /// <summary>The history item of a journal entry.</summary>
    public static HistoryItem Of(JournalEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.Time, e.User, e.Machine, e.Target, e.Description, e.BackupPath, e.Version, e.UndoOf, e.Parts, StatusOf(e), e.ServiceUpdate, e.Operations);
    }

    /// <summary>How an entry ended, in words.</summary>
    public static string StatusOf(JournalEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Outcome switch
        {
            ChangeOutcome.Pending => "pending: interrupted before it was settled (the next change of its files completes or rolls it back)",
            ChangeOutcome.Failed => $"failed: {e.OutcomeReason}",
            ChangeOutcome.RolledBack => $"rolled back: {e.OutcomeReason}",
            _ when e.UndoneBy is not null => $"undone by {e.UndoneBy}",
            _ when e.UndoOf is not null => $"undo of {e.UndoOf}",
            _ => e.OutcomeReason is null ? "applied" : $"applied ({e.OutcomeReason})",
        };
    }

    /// <summary>Reads a journal's history, oldest first, with warnings for lines that could not be read.</summary>
    public static (IReadOnlyList<HistoryItem> Items, IReadOnlyList<string> Warnings) Read(string journalPath)
    {
        var contents = new ChangeJournal(journalPath).Read();
        return (contents.Entries.Select(Of).ToList(), contents.Warnings);
    }
}

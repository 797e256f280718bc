using RdsCal.Registry.Changes;

namespace RdsCal.Cli.Output;

/// <summary>One journal entry as <c>rdscal history --json</c> prints it: the entry with its status in words.</summary>
internal sealed record HistoryJsonEntry(
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
    IReadOnlyList<JournalOperation> Operations)
{
    public static HistoryJsonEntry From(JournalEntry e, string status) =>
        new(e.Id, e.Time, e.User, e.Machine, e.Target, e.Description, e.BackupPath, e.Version, e.UndoOf, e.Parts, status, e.Operations);
}

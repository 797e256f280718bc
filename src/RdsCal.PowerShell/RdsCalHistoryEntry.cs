using RdsCal.Registry.Changes;

namespace RdsCal.PowerShell;

/// <summary>One change in the journal as <c>Get-RdsCalHistory</c> returns it, with its status in words.</summary>
public sealed class RdsCalHistoryEntry
{
    internal RdsCalHistoryEntry(JournalEntry entry)
    {
        Entry = entry;
        Status = entry.Failed is not null ? $"failed: {entry.Failed}"
            : entry.UndoneBy is not null ? $"undone by {entry.UndoneBy}"
            : entry.UndoOf is not null ? $"undo of {entry.UndoOf}"
            : "applied";
    }

    /// <summary>The journal entry itself.</summary>
    public JournalEntry Entry { get; }

    /// <summary>The entry's identifier (give it, or a unique prefix, to undo it).</summary>
    public string Id => Entry.Id;

    /// <summary>When it was applied.</summary>
    public DateTimeOffset Time => Entry.Time;

    /// <summary>Who applied it.</summary>
    public string User => Entry.User;

    /// <summary>On which computer.</summary>
    public string Machine => Entry.Machine;

    /// <summary>What was changed (files or the live registry).</summary>
    public string Target => Entry.Target;

    /// <summary>The change, in words.</summary>
    public string Description => Entry.Description;

    /// <summary>applied, failed: …, undone by …, or undo of ….</summary>
    public string Status { get; }

    /// <summary>The .reg backup taken before the change.</summary>
    public string? BackupPath => Entry.BackupPath;

    /// <summary>The entry this one undoes, if it is an undo.</summary>
    public string? UndoOf => Entry.UndoOf;

    /// <summary>The operations with their values before and after.</summary>
    public IReadOnlyList<JournalOperation> Operations => Entry.Operations;
}

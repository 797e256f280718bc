using System.Text.Json.Serialization;
using RdsCal.Registry.Memory;

namespace RdsCal.Registry.Changes;

/// <summary>
/// One change as the journal records it. The entry is written as <c>pending</c> before any target is touched; a
/// later status line says how it ended (<see cref="ChangeOutcome"/>). New optional fields may be added: readers
/// ignore fields they do not know.
/// </summary>
public sealed record JournalEntry
{
    /// <summary>Stable identifier (time-ordered).</summary>
    public required string Id { get; init; }
    /// <summary>When it was applied.</summary>
    public required DateTimeOffset Time { get; init; }
    /// <summary>Who applied it.</summary>
    public required string User { get; init; }
    /// <summary>On which computer.</summary>
    public required string Machine { get; init; }
    /// <summary>What was changed (files or "live").</summary>
    public required string Target { get; init; }
    /// <summary>The change, in words.</summary>
    public required string Description { get; init; }
    /// <summary>The operations with before and after values.</summary>
    public required IReadOnlyList<JournalOperation> Operations { get; init; }
    /// <summary>The .reg backup taken before the change.</summary>
    public string? BackupPath { get; init; }
    /// <summary>rdscal version.</summary>
    public required string Version { get; init; }
    /// <summary>The entry this one undoes, if it is an undo.</summary>
    public string? UndoOf { get; init; }
    /// <summary>The inputs changed, by part (SYSTEM, SOFTWARE) to file path or "live", so undo can reopen them.</summary>
    public IReadOnlyDictionary<string, string>? Parts { get; init; }
    /// <summary>"pending" on entries written before their change (every entry since journals had status lines); absent on older entries, which were written just before applying.</summary>
    public string? Status { get; init; }
    /// <summary>The hive files staged for this change (absent when it changed no hive file).</summary>
    public IReadOnlyList<StagedFile>? Staging { get; init; }
    /// <summary>The .reg change script this change writes (for .reg inputs), if any.</summary>
    public string? Script { get; init; }
    /// <summary>How the change ended, from the status lines that follow the entry.</summary>
    [JsonIgnore]
    public ChangeOutcome Outcome { get; set; } = ChangeOutcome.Applied;
    /// <summary>
    /// For a live change with a WMI follow-up: whether the running service took it. Recorded on its own line after
    /// the change (the call runs after the registry write); absent in entries written before it existed.
    /// </summary>
    [JsonIgnore]
    public JournalServiceUpdate? ServiceUpdate { get; set; }
    /// <summary>Why it ended so (for failed and rolled-back changes, and for changes completed after an interruption).</summary>
    [JsonIgnore]
    public string? OutcomeReason { get; set; }
    /// <summary>The failure reason when <see cref="Outcome"/> is <see cref="ChangeOutcome.Failed"/>, else null.</summary>
    [JsonIgnore]
    public string? Failed => Outcome == ChangeOutcome.Failed ? OutcomeReason ?? "failed" : null;
    /// <summary>Position in the journal (order of the entry lines).</summary>
    [JsonIgnore]
    internal int Order { get; set; }
    /// <summary>The entry that undid this one, if any.</summary>
    [JsonIgnore]
    public string? UndoneBy { get; set; }

    /// <summary>The change set this entry recorded, rebuilt with its preconditions.</summary>
    public ChangeSet ToChangeSet() => new(Description, Operations.Select(o => o.ToOperation()));
}

/// <summary>One operation in the journal.</summary>
public sealed record JournalOperation
{
    /// <summary>createKey, deleteKey, restoreKey, setValue or deleteValue.</summary>
    public required string Op { get; init; }
    /// <summary>Key path.</summary>
    public required string Key { get; init; }
    /// <summary>Value before (null: absent or not a value operation).</summary>
    public JournalValue? Before { get; init; }
    /// <summary>Value after (null: absent or not a value operation).</summary>
    public JournalValue? After { get; init; }
    /// <summary>The key tree deleted or restored.</summary>
    public JournalTree? Tree { get; init; }

    /// <summary>Records an operation.</summary>
    public static JournalOperation From(ChangeOperation op) => op switch
    {
        CreateKeyOperation c => new JournalOperation { Op = "createKey", Key = c.KeyPath },
        DeleteKeyOperation d => new JournalOperation { Op = "deleteKey", Key = d.KeyPath, Tree = JournalTree.From(d.OldTree) },
        RestoreKeyOperation r => new JournalOperation { Op = "restoreKey", Key = r.KeyPath, Tree = JournalTree.From(r.Tree) },
        SetValueOperation s => new JournalOperation { Op = "setValue", Key = s.KeyPath, Before = JournalValue.From(s.OldValue), After = JournalValue.From(s.NewValue) },
        DeleteValueOperation v => new JournalOperation { Op = "deleteValue", Key = v.KeyPath, Before = JournalValue.From(v.OldValue) },
        _ => throw new ArgumentException($"unknown operation {op.GetType().Name}", nameof(op)),
    };

    /// <summary>Why this operation cannot be rebuilt (unknown kind, a missing field), or null.</summary>
    public string? Problem() => Op switch
    {
        "createKey" => null,
        "deleteKey" or "restoreKey" => Tree is null ? $"{Op} without a tree" : null,
        "setValue" => After is null ? "setValue without an after value" : null,
        "deleteValue" => Before is null ? "deleteValue without a before value" : null,
        _ => $"unknown operation '{Op}'",
    };

    /// <summary>Rebuilds the operation.</summary>
    public ChangeOperation ToOperation() => Op switch
    {
        "createKey" => new CreateKeyOperation(Key),
        "deleteKey" => new DeleteKeyOperation(Key, Tree!.ToKey()),
        "restoreKey" => new RestoreKeyOperation(Key, Tree!.ToKey()),
        "setValue" => new SetValueOperation(Key, After!.ToValue(), Before?.ToValue()),
        "deleteValue" => new DeleteValueOperation(Key, Before!.ToValue()),
        _ => throw new InvalidDataException($"journal: unknown operation '{Op}'"),
    };
}

/// <summary>A value in the journal: name, numeric kind and bytes as hex, byte-exact.</summary>
/// <param name="Name">Value name.</param>
/// <param name="Kind">REG_* number.</param>
/// <param name="Data">Bytes, hex.</param>
public sealed record JournalValue(string Name, uint Kind, string Data)
{
    /// <summary>Records a value (null stays null).</summary>
    public static JournalValue? From(RegistryValue? v) => v is null ? null : new(v.Name, (uint)v.Kind, Convert.ToHexString(v.Span));

    /// <summary>Rebuilds the value.</summary>
    public RegistryValue ToValue() => new(Name, (RegistryValueKind)Kind, Convert.FromHexString(Data));
}

/// <summary>A key tree in the journal.</summary>
/// <param name="Name">Key name.</param>
/// <param name="Values">Its values.</param>
/// <param name="Subkeys">Its subkeys.</param>
public sealed record JournalTree(string Name, IReadOnlyList<JournalValue> Values, IReadOnlyList<JournalTree> Subkeys)
{
    /// <summary>Records a tree.</summary>
    public static JournalTree From(RegistryKey key) =>
        new(key.Name, key.EnumerateValues().Select(v => JournalValue.From(v)!).ToList(), key.EnumerateSubkeys().Select(From).ToList());

    /// <summary>Rebuilds the tree in memory.</summary>
    public MemoryKey ToKey()
    {
        var k = new MemoryKey(Name);
        Fill(k, this);
        return k;
    }

    private static void Fill(MemoryKey target, JournalTree tree)
    {
        foreach (var v in tree.Values)
        {
            target.SetValue(v.ToValue());
        }
        foreach (var s in tree.Subkeys)
        {
            Fill(target.CreateSubkey(s.Name), s);
        }
    }
}


/// <summary>How a journalled change ended.</summary>
public enum ChangeOutcome
{
    /// <summary>Written before the change and not yet resolved: the run was interrupted, or is still running.</summary>
    Pending,

    /// <summary>Every target holds the change.</summary>
    Applied,

    /// <summary>The change failed and some target may hold part of it (the reason says which).</summary>
    Failed,

    /// <summary>The change failed or was interrupted, and every target was left or put back as it was: nothing was changed.</summary>
    RolledBack,
}

/// <summary>A status line: how the change with <see cref="Id"/> ended.</summary>
/// <param name="Id">The entry.</param>
/// <param name="Status">applied, failed, rolledBack, or serviceUpdate (what the running service did with a live change).</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="ServiceUpdate">With serviceUpdate: the WMI call's outcome.</param>
public sealed record JournalStatusLine(string Id, string Status, string? Reason, JournalServiceUpdate? ServiceUpdate = null);

/// <summary>What the running service did with a live change, as the journal records it.</summary>
/// <param name="Method">The WMI method called, e.g. <c>ChangeMode</c>.</param>
/// <param name="Taken">True only when the method ran and returned 0.</param>
/// <param name="Status">How the call ended: taken, classMissing, accessDenied, methodFailed or unavailable.</param>
/// <param name="ReturnValue">The method's ReturnValue when it ran.</param>
/// <param name="Reason">Why the service did not take the change, in words (null when it did).</param>
public sealed record JournalServiceUpdate(string Method, bool Taken, string Status, uint? ReturnValue, string? Reason);

/// <summary>A hive file written beside its target before the change is committed by renaming it over the target.</summary>
/// <param name="Part">SYSTEM or SOFTWARE.</param>
/// <param name="Target">The hive file the change is for.</param>
/// <param name="Staged">The new hive, beside the target, until the rename.</param>
/// <param name="Backup">The original hive kept beside the target (a hard link or a copy), if any.</param>
/// <param name="BeforeHash">SHA-256 (hex) of the target before the change.</param>
/// <param name="AfterHash">SHA-256 (hex) of the staged hive: the target after the change.</param>
public sealed record StagedFile(string Part, string Target, string Staged, string? Backup, string BeforeHash, string AfterHash);

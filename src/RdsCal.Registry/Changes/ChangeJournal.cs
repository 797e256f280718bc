using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RdsCal.Registry.Memory;

namespace RdsCal.Registry.Changes;

/// <summary>One applied change as the journal records it.</summary>
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
    /// <summary>Set when applying failed after the entry was written.</summary>
    [JsonIgnore]
    public string? Failed { get; set; }
    /// <summary>
    /// For a live change with a WMI follow-up: whether the running service took it. Recorded on its own line after
    /// the change (the call runs after the registry write); absent in entries written before it existed.
    /// </summary>
    [JsonIgnore]
    public JournalServiceUpdate? ServiceUpdate { get; set; }
    /// <summary>The entry that undid this one, if any.</summary>
    [JsonIgnore]
    public string? UndoneBy { get; set; }

    /// <summary>The change set this entry recorded, rebuilt with its preconditions.</summary>
    public ChangeSet ToChangeSet() => new(Description, Operations.Select(o => o.ToOperation()));
}

/// <summary>What the running service did with a live change, as the journal records it.</summary>
/// <param name="Method">The WMI method called, e.g. <c>ChangeMode</c>.</param>
/// <param name="Taken">True only when the method ran and returned 0.</param>
/// <param name="Status">How the call ended: taken, classMissing, accessDenied, methodFailed or unavailable.</param>
/// <param name="ReturnValue">The method's ReturnValue when it ran.</param>
/// <param name="Reason">Why the service did not take the change, in words (null when it did).</param>
public sealed record JournalServiceUpdate(string Method, bool Taken, string Status, uint? ReturnValue, string? Reason);

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

/// <summary>
/// The append-only JSON-lines record of every change rdscal applied: one line per change, and one more when
/// a change failed part-way. Lives in the user's data folder unless a file is named.
/// </summary>
public sealed class ChangeJournal(string path)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The journal file.</summary>
    public string Path { get; } = path;

    /// <summary>The default journal: the user's local data folder, rdscal\journal.jsonl.</summary>
    public static string DefaultPath
    {
        get
        {
            string data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            if (string.IsNullOrEmpty(data))
            {
                data = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }
            return System.IO.Path.Combine(data, "rdscal", "journal.jsonl");
        }
    }

    /// <summary>Where backups taken for this journal go: a "backups" folder beside it.</summary>
    public string BackupFolder => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? ".", "backups");

    /// <summary>A new time-ordered identifier.</summary>
    public static string NewId() =>
        DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 3)).ToLowerInvariant();

    /// <summary>Appends an entry (flushed to disk).</summary>
    public void Append(JournalEntry entry) => AppendLine(JsonSerializer.Serialize(entry, Json));

    /// <summary>Records that an entry's change failed part-way.</summary>
    public void MarkFailed(string id, string reason) =>
        AppendLine(new JsonObject { ["id"] = id, ["status"] = "failed", ["reason"] = reason }.ToJsonString());

    /// <summary>Records whether the running service took an entry's live change (a line of its own, after the change).</summary>
    public void RecordServiceUpdate(string id, JournalServiceUpdate update) =>
        AppendLine(new JsonObject { ["id"] = id, ["status"] = "serviceUpdate", ["serviceUpdate"] = JsonSerializer.SerializeToNode(update, Json) }.ToJsonString());

    /// <summary>Every entry, oldest first, with failures, service updates and undos resolved.</summary>
    /// <exception cref="InvalidDataException">A line is not valid journal JSON.</exception>
    public IReadOnlyList<JournalEntry> ReadAll()
    {
        if (!File.Exists(Path))
        {
            return [];
        }
        var entries = new List<JournalEntry>();
        var byId = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
        int lineNo = 0;
        foreach (string line in File.ReadLines(Path))
        {
            lineNo++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            try
            {
                var node = JsonNode.Parse(line)!.AsObject();
                if (node["status"]?.GetValue<string>() == "failed")
                {
                    if (byId.TryGetValue(node["id"]!.GetValue<string>(), out var failed))
                    {
                        failed.Failed = node["reason"]?.GetValue<string>() ?? "failed";
                    }
                    continue;
                }
                if (node["status"]?.GetValue<string>() == "serviceUpdate")
                {
                    if (byId.TryGetValue(node["id"]!.GetValue<string>(), out var updated))
                    {
                        updated.ServiceUpdate = node["serviceUpdate"].Deserialize<JournalServiceUpdate>(Json);
                    }
                    continue;
                }
                var entry = node.Deserialize<JournalEntry>(Json) ?? throw new JsonException("empty entry");
                entries.Add(entry);
                byId[entry.Id] = entry;
                if (entry.UndoOf is not null && byId.TryGetValue(entry.UndoOf, out var undone))
                {
                    undone.UndoneBy = entry.Id;
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or NullReferenceException)
            {
                throw new InvalidDataException($"{Path}: line {lineNo} is not a journal entry ({e.Message})", e);
            }
        }
        return entries;
    }

    /// <summary>The entry with this id (or a unique prefix of it), or null.</summary>
    public JournalEntry? Find(string idOrPrefix)
    {
        var matches = ReadAll().Where(e => e.Id.StartsWith(idOrPrefix, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0] : matches.FirstOrDefault(e => e.Id == idOrPrefix);
    }

    /// <summary>The latest change that applied, is not itself an undo, and has not been undone.</summary>
    public JournalEntry? LastUndoable() =>
        ReadAll().LastOrDefault(e => e.Failed is null && e.UndoOf is null && e.UndoneBy is null);

    private void AppendLine(string json)
    {
        string full = System.IO.Path.GetFullPath(Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        using var fs = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read);
        var bytes = System.Text.Encoding.UTF8.GetBytes(json + "\n");
        fs.Write(bytes);
        fs.Flush(flushToDisk: true);
    }
}

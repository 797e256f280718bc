using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RdsCal.Registry.Hive;

namespace RdsCal.Registry.Changes;

/// <summary>What <see cref="ChangeJournal.Read"/> found: the entries, and a warning for every line it skipped.</summary>
/// <param name="Entries">Every readable entry, oldest first, with outcomes and undos resolved.</param>
/// <param name="Warnings">One per unreadable line, naming the file and the line.</param>
public sealed record JournalContents(IReadOnlyList<JournalEntry> Entries, IReadOnlyList<string> Warnings);

/// <summary>
/// The append-only JSON-lines record of every change rdscal made: an entry written as pending before the change,
/// then a status line saying how it ended (applied, failed, rolled back). Lives in the user's data folder unless
/// a file is named. A damaged line (a run killed mid-write, an edit) is skipped with a warning; the lines around
/// it still count, and the next line written starts on a fresh line.
/// </summary>
public sealed class ChangeJournal(string path)
{
    /// <summary>
    /// The largest journal read: 256 MiB, a hundred thousand changes and more. Lines are read one at a time, but a
    /// device or a file without line breaks would make one line of all of it.
    /// </summary>
    public const long MaxBytes = 256L << 20;

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

    /// <summary>Appends an entry (flushed to disk). New entries should carry <c>Status = "pending"</c> and be resolved by a status line.</summary>
    public void Append(JournalEntry entry)
    {
        WriteStep.Reached("journal entry");
        AppendLine(JsonSerializer.Serialize(entry, JournalJsonContext.Default.JournalEntry));
    }

    /// <summary>Records that an entry's change reached every target.</summary>
    public void MarkApplied(string id, string? reason = null) => Mark(id, "applied", reason);

    /// <summary>Records whether the running service took an entry's live change (a line of its own, after the change).</summary>
    public void RecordServiceUpdate(string id, JournalServiceUpdate update) => AppendLine(
        JsonSerializer.Serialize(new JournalStatusLine(id, "serviceUpdate", null, update), JournalJsonContext.Default.JournalStatusLine));

    /// <summary>Records that an entry's change failed part-way; the reason says what the targets hold.</summary>
    public void MarkFailed(string id, string reason) => Mark(id, "failed", reason);

    /// <summary>Records that an entry's change was undone or never made: every target is as it was.</summary>
    public void MarkRolledBack(string id, string reason) => Mark(id, "rolledBack", reason);

    /// <summary>Every readable entry, oldest first, with outcomes and undos resolved (unreadable lines are skipped).</summary>
    public IReadOnlyList<JournalEntry> ReadAll() => Read().Entries;

    /// <summary>Every readable entry, and a warning naming each line that could not be read.</summary>
    public JournalContents Read()
    {
        if (FileNode.KindOf(Path) == FileNodeKind.Missing)
        {
            return new JournalContents([], []);
        }
        var entries = new List<JournalEntry>();
        var warnings = new List<string>();
        var byId = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
        int lineNo = 0;
        using var stream = RegistryInput.OpenRead(Path, MaxBytes, "a journal");
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false));
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            if (ParseLine(line, byId) is { } problem)
            {
                warnings.Add($"{Path}: line {lineNo.ToString(CultureInfo.InvariantCulture)} is not a journal entry ({problem}); skipped");
            }
        }
        entries.AddRange(byId.Values.OrderBy(e => e.Order));
        foreach (var entry in entries)
        {
            if (entry.UndoOf is not null && entry.Outcome == ChangeOutcome.Applied && byId.TryGetValue(entry.UndoOf, out var undone))
            {
                undone.UndoneBy = entry.Id;
            }
        }
        return new JournalContents(entries, warnings);
    }

    /// <summary>The entry with this id (or a unique prefix of it), or null.</summary>
    public JournalEntry? Find(string idOrPrefix)
    {
        var matches = ReadAll().Where(e => e.Id.StartsWith(idOrPrefix, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0] : matches.FirstOrDefault(e => e.Id == idOrPrefix);
    }

    /// <summary>The latest change that applied, is not itself an undo, and has not been undone.</summary>
    public JournalEntry? LastUndoable() =>
        ReadAll().LastOrDefault(e => e.Outcome == ChangeOutcome.Applied && e.UndoOf is null && e.UndoneBy is null);

    /// <summary>Reads one line into <paramref name="byId"/>; returns what is wrong with it, or null.</summary>
    private static string? ParseLine(string line, Dictionary<string, JournalEntry> byId)
    {
        try
        {
            if (JsonNode.Parse(line) is not JsonObject node)
            {
                return "not a JSON object";
            }
            if (node["operations"] is null)
            {
                var status = node.Deserialize(JournalJsonContext.Default.JournalStatusLine);
                if (status?.Id is null || status.Status is null)
                {
                    return "a status line without id or status";
                }
                if (!byId.TryGetValue(status.Id, out var target))
                {
                    return $"a status line for unknown entry {status.Id}";
                }
                if (status.Status == "serviceUpdate")
                {
                    // What the running service did comes after the change and leaves its outcome alone.
                    target.ServiceUpdate = status.ServiceUpdate;
                    return null;
                }
                (target.Outcome, target.OutcomeReason) = status.Status switch
                {
                    "applied" => (ChangeOutcome.Applied, status.Reason),
                    "rolledBack" => (ChangeOutcome.RolledBack, status.Reason),
                    _ => (ChangeOutcome.Failed, status.Reason ?? status.Status),
                };
                return null;
            }
            var entry = node.Deserialize(JournalJsonContext.Default.JournalEntry);
            if (entry is null || entry.Id is null || entry.Operations is null || entry.Description is null)
            {
                return "an entry without id, description or operations";
            }
            if (entry.Operations.Select(o => o is null ? "an empty operation" : o.Problem()).FirstOrDefault(p => p is not null) is { } bad)
            {
                return bad;
            }
            entry.Outcome = entry.Status == "pending" ? ChangeOutcome.Pending : ChangeOutcome.Applied;
            entry.Order = byId.Count;
            byId[entry.Id] = entry;
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            return e.Message;
        }
    }

    private void Mark(string id, string status, string? reason)
    {
        WriteStep.Reached("journal " + status);
        AppendLine(JsonSerializer.Serialize(new JournalStatusLine(id, status, reason), JournalJsonContext.Default.JournalStatusLine));
    }

    /// <summary>Appends one line, flushed to disk; a line left unfinished by a killed run is ended first so the new one stands alone.</summary>
    private void AppendLine(string json)
    {
        string full = System.IO.Path.GetFullPath(Path);
        string dir = System.IO.Path.GetDirectoryName(full)!;
        bool created = !File.Exists(full);
        Directory.CreateDirectory(dir);
        try
        {
            using var fs = new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            bool freshLine = true;
            if (fs.Length > 0)
            {
                fs.Seek(-1, SeekOrigin.End);
                freshLine = fs.ReadByte() == '\n';
            }
            fs.Seek(0, SeekOrigin.End);
            var bytes = Encoding.UTF8.GetBytes((freshLine ? string.Empty : "\n") + json + "\n");
            fs.Write(bytes);
            FileNode.FlushToDisk(fs, full);
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException))
        {
            throw new WriteFailedException($"{full}: writing the journal failed ({e.Message})", e);
        }
        if (created)
        {
            FileNode.FlushFolder(dir);
        }
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RdsCal.Registry.Changes;

/// <summary>
/// A note beside a staged target, <c>.NAME.rdscal-pending</c>, naming the journal and the entry of the change about
/// to replace it, so that a change killed between its renames is found from the file itself: a later run that locks
/// the file settles that change first, whichever journal it uses and whichever of the change's files it names. It is
/// written before the journal entry and removed once the entry's outcome is recorded, and it carries the target's
/// hash before the change: a marker whose entry was never written (the run died first; its journal may not even
/// exist yet) finds its target still in that state and is stale, while a target that changed under a marker whose
/// entry cannot be found is refused for a person to decide. Only a holder of the target's lock reads or removes
/// it, so the run that wrote it is no longer running.
/// </summary>
internal static class PendingMarker
{
    /// <summary>A marker's own file is tiny: anything larger is not one.</summary>
    private const int MaxBytes = 64 << 10;

    /// <summary>What a marker names; all null when the file is not a marker rdscal wrote whole (a torn write).</summary>
    public sealed record Contents(string Marker, string? Journal, string? Entry, string? BeforeHash);

    public static string PathFor(string target) =>
        Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.rdscal-pending");

    /// <summary>Writes the marker beside <paramref name="file"/>'s target, flushed (the rename that follows flushes its folder).</summary>
    public static void Write(StagedFile file, string journal, string entry)
    {
        string path = PathFor(file.Target);
        var json = new JsonObject { ["journal"] = Path.GetFullPath(journal), ["entry"] = entry, ["before"] = file.BeforeHash };
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        stream.Write(Encoding.UTF8.GetBytes(json.ToJsonString() + "\n"));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>The marker beside <paramref name="target"/>, or null when there is none.</summary>
    public static Contents? Read(string target)
    {
        string path = PathFor(target);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            byte[] bytes = RegistryInput.ReadAllBytes(path, MaxBytes, "a pending-change marker");
            var node = JsonNode.Parse(bytes);
            return new Contents(path, (string?)node?["journal"], (string?)node?["entry"], (string?)node?["before"]);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or RegistryFormatException)
        {
            return new Contents(path, null, null, null);
        }
    }

    /// <summary>Removes the marker beside <paramref name="target"/> if it names <paramref name="entry"/> (or any entry when null).</summary>
    public static void Remove(string target, string? entry = null)
    {
        if (Read(target) is { } marker && (entry is null || marker.Entry == entry))
        {
            File.Delete(marker.Marker);
        }
    }
}

/// <summary>
/// A file rdscal would change carries the marker of an interrupted change that this run cannot settle (its journal is
/// gone or unreadable); nothing was changed.
/// </summary>
public sealed class PendingChangeException : IOException
{
    /// <summary>Creates the exception.</summary>
    public PendingChangeException(string target, string marker, string reason)
        : base($"{target}: an interrupted change is pending on this file ({reason}); nothing was changed: settle it with the journal {marker} names, or, after checking the file, delete {marker}")
    {
        Target = target;
    }

    /// <summary>Required by analyzers.</summary>
    public PendingChangeException()
    {
        Target = string.Empty;
    }

    /// <summary>Required by analyzers.</summary>
    public PendingChangeException(string message)
        : base(message)
    {
        Target = string.Empty;
    }

    /// <summary>Required by analyzers.</summary>
    public PendingChangeException(string message, Exception inner)
        : base(message, inner)
    {
        Target = string.Empty;
    }

    /// <summary>The file that carries the marker.</summary>
    public string Target { get; }
}

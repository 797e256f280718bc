namespace RdsCal.Registry.Changes;

/// <summary>
/// A store whose changes are written in full beside the target first and then committed by one rename (an offline
/// hive), so that a change over several such stores can be made all or nothing: every part is staged before any is
/// committed, and a committed part can be put back from its backup.
/// </summary>
public interface IStagedStore : IRegistryStore
{
    /// <summary>Refuses, before anything is written, a target that cannot be replaced (read-only, held open).</summary>
    void EnsureWritable();

    /// <summary>
    /// Writes the changed content beside the target, flushed to disk, and keeps the original as a backup; returns
    /// null when nothing changed. After this, <see cref="IRegistryStore.Commit"/> writes nothing.
    /// </summary>
    /// <param name="part">The part name recorded with the staged file (SYSTEM, SOFTWARE).</param>
    /// <param name="id">The change's journal id, part of the staged file's name.</param>
    StagedFile? Stage(string part, string id);

    /// <summary>Housekeeping once the staged file is renamed over the target; returns what to tell the user.</summary>
    IReadOnlyList<string> AfterCommit(StagedFile staged);
}

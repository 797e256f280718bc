using System.Security.Cryptography;
using RdsCal.Registry.Hive;

namespace RdsCal.Registry.Changes;

/// <summary>
/// Commits staged files by renaming each over its target, and undoes that: a committed target is put back from the
/// backup kept at staging (linked or copied to a temporary name, then renamed over, so the backup is never moved).
/// Every rename is followed by a flush of its folder.
/// </summary>
internal static class StagedCommit
{
    /// <summary>SHA-256 of a file, hex; "absent" when there is no such file.</summary>
    public static string Hash(string path)
    {
        if (!File.Exists(path))
        {
            return "absent";
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    /// <summary>Renames the staged file over its target (the folder is flushed by <see cref="FlushFolder"/>).</summary>
    public static void Rename(StagedFile file)
    {
        WriteStep.Reached("commit " + file.Part);
        File.Move(file.Staged, file.Target, overwrite: true);
    }

    /// <summary>Makes a rename in the target's folder durable.</summary>
    public static void FlushFolder(StagedFile file)
    {
        WriteStep.Reached("flush folder " + file.Part);
        FileNode.FlushFolder(Path.GetDirectoryName(file.Target) ?? ".");
    }

    /// <summary>Puts a committed target back as it was before the change, from its backup, and drops the backup.</summary>
    /// <exception cref="IOException">The backup is missing or the rename failed.</exception>
    public static void Restore(StagedFile file)
    {
        if (file.Backup is null && file.BeforeHash == "absent")
        {
            // The change created the target (a new GPO folder's files): putting it back is removing it.
            WriteStep.Reached("restore " + file.Part);
            File.Delete(file.Target);
            FileNode.FlushFolder(Path.GetDirectoryName(file.Target) ?? ".");
            return;
        }
        if (file.Backup is null || !File.Exists(file.Backup))
        {
            throw new IOException($"{file.Target}: the backup of the original hive is missing; it cannot be put back");
        }
        string dir = Path.GetDirectoryName(file.Target) ?? ".";
        string temp = Path.Combine(dir, $".{Path.GetFileName(file.Target)}.rdscal-restore-{Environment.ProcessId}.tmp");
        File.Delete(temp);
        WriteStep.Reached("restore " + file.Part);
        if (!HardLink.TryCreate(file.Backup, temp))
        {
            File.Copy(file.Backup, temp);
        }
        File.Move(temp, file.Target, overwrite: true);
        FileNode.FlushFolder(dir);
        File.Delete(file.Backup);
    }

    /// <summary>Deletes what staging left for a part that was not committed: the staged file and the backup link.</summary>
    public static void Discard(StagedFile file)
    {
        WriteStep.Reached("discard " + file.Part);
        File.Delete(file.Staged);
        if (file.Backup is not null)
        {
            File.Delete(file.Backup);
        }
    }
}

using System.Buffers.Binary;
using System.Globalization;

namespace RdsCal.Registry.Hive;

public sealed partial class HiveEditor
{
    /// <summary>
    /// Writes the hive atomically: a temporary file in the same folder, flushed to disk, then renamed over the
    /// target, and the folder flushed. The original is kept as a backup first (unless opted out). Stale logs of a
    /// recovered hive are moved aside after the rename, so a crash at any step leaves the complete old or the
    /// complete new hive.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The target is read-only; nothing was changed.</exception>
    /// <exception cref="IOException">The target is locked or the folder cannot be written; nothing was changed.</exception>
    /// <exception cref="WriteFailedException">Writing failed (disk full, I/O error); nothing was changed.</exception>
    public HiveSaveResult Save(string? path = null, HiveSaveOptions? options = null)
    {
        options ??= HiveSaveOptions.Default;
        string target = FileNode.RealPath(path ?? _sourcePath ?? throw new ArgumentNullException(nameof(path), "a hive created in memory needs a path to save to"));
        string dir = Path.GetDirectoryName(target) ?? ".";
        // Named here, before the temporary file beside it would be named by the system's error instead.
        if (Path.EndsInDirectorySeparator(target))
        {
            throw new OutputRefusedException(target, OutputRefusal.IsFolder);
        }
        RegistryInput.EnsureFileTarget(target);
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"{dir}: no such folder");
        }
        bool exists = File.Exists(target);
        if (exists)
        {
            EnsureWritable(target);
        }
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);
        string temp = Path.Combine(dir, $".{Path.GetFileName(target)}.rdscal-{Environment.ProcessId}.tmp");
        string? backup = null;
        // A file with this process's name can only be left over from a killed run that had the same id.
        File.Delete(temp);
        try
        {
            WriteImage(temp, options);
            if (exists)
            {
                FileNode.KeepOwnership(target, temp);
            }
            if (exists && options.Backup)
            {
                Step(options, "backup");
                backup = KeepBackup(target, stamp);
            }
            Step(options, "replace");
            File.Move(temp, target, overwrite: true);
            FileNode.FlushFolder(dir);
        }
        catch (IOException e) when (e is not (WriteFailedException or FileNotFoundException or DirectoryNotFoundException))
        {
            throw new WriteFailedException($"{target}: saving failed ({e.Message}); the hive was not changed", e);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
        var moved = _sourcePath is not null && string.Equals(_sourcePath, target, StringComparison.Ordinal)
            ? MoveStaleLogsAside(stamp, options)
            : [];
        return new HiveSaveResult(target, backup, moved);
    }

    /// <summary>
    /// Writes the finished hive to a new file at <paramref name="path"/> (never an existing one), flushed to disk
    /// with the result checked; returns the SHA-256 of the bytes written.
    /// </summary>
    internal byte[] WriteImage(string path, HiveSaveOptions? options = null)
    {
        WritePendingLists();
        // The finished base block is written from its own copy; the bins are written straight from the buffer.
        byte[] header = _buf[..Data];
        FinishBaseBlock(header);
        Step(options, "create");
        using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        Step(options, "write");
        fs.Write(header);
        fs.Write(_buf, Data, _dataSize);
        Step(options, "flush");
        FileNode.FlushToDisk(fs, path);
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        sha.AppendData(header);
        sha.AppendData(_buf, Data, _dataSize);
        return sha.GetHashAndReset();
    }

    /// <summary>
    /// How many of the target's other names are rdscal's own backups of it (<see cref="KeepBackup"/> links them; a
    /// run killed before its journal entry leaves one): those are meant to keep the old file.
    /// </summary>
    private static int OwnBackupLinks(string target) =>
        Directory.EnumerateFiles(Path.GetDirectoryName(target) ?? ".", $"{Path.GetFileName(target)}.rdscal-backup-*").Count(b => FileNode.SameFile(b, target));

    /// <summary>Keeps the file at <paramref name="target"/> as NAME.rdscal-backup-STAMP beside it: a hard link where possible, else a copy.</summary>
    internal static string KeepBackup(string target, string stamp)
    {
        string backup = UniqueFileName.For($"{target}.rdscal-backup-{stamp}");
        if (!HardLink.TryCreate(target, backup))
        {
            File.Copy(target, backup, overwrite: false);
        }
        return backup;
    }

    /// <summary>Moves the transaction logs replayed at open aside, once the hive written no longer needs them.</summary>
    internal List<(string From, string To)> MoveStaleLogsAside(string stamp, HiveSaveOptions? options = null)
    {
        var moved = new List<(string, string)>();
        foreach (string log in _staleLogs.Where(File.Exists))
        {
            Step(options, "logs");
            string aside = UniqueFileName.For($"{log}.rdscal-stale-{stamp}");
            File.Move(log, aside);
            moved.Add((log, aside));
        }
        return moved;
    }

    /// <summary>The file this editor was opened from, if any.</summary>
    internal string? SourcePath => _sourcePath;

    private static void Step(HiveSaveOptions? options, string step)
    {
        options?.BeforeStep?.Invoke(step);
        Changes.WriteStep.Reached("hive " + step);
    }

    /// <summary>How long another program may hold the target before a write is refused.</summary>
    internal static readonly TimeSpan InUseWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Refuses a target that cannot be replaced: read-only, or held open by another program for longer than
    /// <see cref="InUseWait"/>. A loaded hive is held for good; a reader that only looks (another rdscal sniffing
    /// the file before it queues for the lock, a backup tool) lets go within milliseconds, and refusing the write
    /// because of it would fail a change for nothing.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The target is read-only.</exception>
    /// <exception cref="WriteFailedException">Another program holds the file, or it has other hard links.</exception>
    internal static void EnsureWritable(string target)
    {
        var attributes = File.GetAttributes(target);
        bool readOnly = (attributes & FileAttributes.ReadOnly) != 0
            || (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(target) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0);
        if (readOnly)
        {
            throw new UnauthorizedAccessException($"{target}: the file is read-only; nothing was changed");
        }
        if (FileNode.LinkCount(target) is > 1 and var links && links - 1 > OwnBackupLinks(target))
        {
            // The rename gives this name a new file; the other names would keep the old hive, silently split off.
            throw new WriteFailedException($"{target}: the file has {links} hard links, and replacing it would leave the other names on the old hive; nothing was changed (make it a file of its own first: cp it, then mv the copy over it)");
        }
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None: on Windows any open handle refuses it; on Unix .NET takes an exclusive flock,
                // which any reader's shared flock refuses.
                using var probe = new FileStream(target, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                return;
            }
            catch (IOException e) when (FileNode.IsSharingViolation(e))
            {
                if (waited.Elapsed >= InUseWait)
                {
                    throw new WriteFailedException($"{target}: the file is in use by another program (is the hive loaded?); nothing was changed", e);
                }
                Thread.Sleep(20);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                // Anything else (a read-only file system, an I/O error) will not pass by waiting.
                throw new WriteFailedException($"{target}: {e.Message}; nothing was changed", e);
            }
        }
    }

    /// <summary>Both sequence numbers one past the opened hive's, timestamp now (also in the first bin), size, checksum last.</summary>
    private void FinishBaseBlock(byte[] image)
    {
        var b = image.AsSpan(0, Data);
        // The first bin holds a copy of the timestamp. It lives in the bins, so it is set in the editor's
        // buffer, and in the image too when the image carries the bins (ToArray).
        long now = DateTime.UtcNow.ToFileTimeUtc();
        BinaryPrimitives.WriteInt64LittleEndian(_buf.AsSpan(Data + HiveBinHeader.TimestampOffset), now);
        if (image.Length >= Data + HiveBinHeader.Length)
        {
            BinaryPrimitives.WriteInt64LittleEndian(image.AsSpan(Data + HiveBinHeader.TimestampOffset), now);
        }
        uint seq = Math.Max(BinaryPrimitives.ReadUInt32LittleEndian(b[BaseBlock.PrimarySequenceOffset..]), BinaryPrimitives.ReadUInt32LittleEndian(b[BaseBlock.SecondarySequenceOffset..])) + 1;
        BinaryPrimitives.WriteUInt32LittleEndian(b[BaseBlock.PrimarySequenceOffset..], seq);
        BinaryPrimitives.WriteUInt32LittleEndian(b[BaseBlock.SecondarySequenceOffset..], seq);
        BinaryPrimitives.WriteInt64LittleEndian(b[BaseBlock.TimestampOffset..], now);
        BinaryPrimitives.WriteUInt32LittleEndian(b[BaseBlock.FileTypeOffset..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(b[BaseBlock.FileFormatOffset..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(b[BaseBlock.DataSizeOffset..], (uint)_dataSize);
        BinaryPrimitives.WriteUInt32LittleEndian(b[BaseBlock.ClusteringOffset..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(b[BaseBlock.ChecksumOffset..], BaseBlock.ComputeChecksum(b));
    }
}

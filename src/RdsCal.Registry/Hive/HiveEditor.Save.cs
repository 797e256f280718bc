using System.Buffers.Binary;
using System.Globalization;

namespace RdsCal.Registry.Hive;

public sealed partial class HiveEditor
{
    /// <summary>
    /// Writes the hive atomically: a temporary file in the same folder, flushed to disk, then renamed over the
    /// target. The original is kept as a backup first (unless opted out). Stale logs of a recovered hive are
    /// moved aside after the rename, so a crash at any step leaves the complete old or the complete new hive.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The target is read-only; nothing was changed.</exception>
    /// <exception cref="IOException">The target is locked or the folder cannot be written; nothing was changed.</exception>
    public HiveSaveResult Save(string? path = null, HiveSaveOptions? options = null)
    {
        options ??= HiveSaveOptions.Default;
        string target = Path.GetFullPath(path ?? _sourcePath ?? throw new ArgumentNullException(nameof(path), "a hive created in memory needs a path to save to"));
        string dir = Path.GetDirectoryName(target) ?? ".";
        bool exists = File.Exists(target);
        if (exists)
        {
            EnsureWritable(target);
        }
        WritePendingLists();
        // The finished base block is written from its own copy; the bins are written straight from the buffer.
        byte[] header = _buf[..Data];
        FinishBaseBlock(header);
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);
        string temp = Path.Combine(dir, $".{Path.GetFileName(target)}.rdscal-{Environment.ProcessId}.tmp");
        string? backup = null;
        var moved = new List<(string, string)>();
        try
        {
            options.BeforeStep?.Invoke("create");
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                options.BeforeStep?.Invoke("write");
                fs.Write(header);
                fs.Write(_buf, Data, _dataSize);
                options.BeforeStep?.Invoke("flush");
                FileNode.FlushToDisk(fs, target);
            }
            if (exists && options.Backup)
            {
                options.BeforeStep?.Invoke("backup");
                backup = UniqueFileName.For($"{target}.rdscal-backup-{stamp}");
                if (!HardLink.TryCreate(target, backup))
                {
                    File.Copy(target, backup, overwrite: false);
                }
            }
            options.BeforeStep?.Invoke("replace");
            File.Move(temp, target, overwrite: true);
            FileNode.FlushFolder(dir);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
        if (_sourcePath is not null && string.Equals(_sourcePath, target, StringComparison.Ordinal))
        {
            foreach (string log in _staleLogs.Where(File.Exists))
            {
                options.BeforeStep?.Invoke("logs");
                string aside = UniqueFileName.For($"{log}.rdscal-stale-{stamp}");
                File.Move(log, aside);
                moved.Add((log, aside));
            }
        }
        return new HiveSaveResult(target, backup, moved);
    }

    private static void EnsureWritable(string target)
    {
        var attributes = File.GetAttributes(target);
        bool readOnly = (attributes & FileAttributes.ReadOnly) != 0
            || (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(target) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0);
        if (readOnly)
        {
            throw new UnauthorizedAccessException($"{target}: the file is read-only; nothing was changed");
        }
        try
        {
            using var probe = new FileStream(target, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"{target}: the file is in use by another program (is the hive loaded?); nothing was changed", e);
        }
    }

    /// <summary>Both sequence numbers one past the opened hive's, timestamp now (also in the first bin), size, checksum last.</summary>
    private void FinishBaseBlock(byte[] image)
    {
        var b = image.AsSpan(0, Data);
        // The first bin holds a copy of the timestamp. It lives in the bins, so it is set in the editor's
        // buffer, and in the image too when the image carries the bins (ToArray).
        long now = DateTime.UtcNow.ToFileTimeUtc();
        BinaryPrimitives.WriteInt64LittleEndian(_buf.AsSpan(Data + 20), now);
        if (image.Length > Data + 28)
        {
            BinaryPrimitives.WriteInt64LittleEndian(image.AsSpan(Data + 20), now);
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

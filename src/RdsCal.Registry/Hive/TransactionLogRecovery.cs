using System.Buffers.Binary;

namespace RdsCal.Registry.Hive;

/// <summary>
/// Replays transaction logs onto a copy of a dirty hive, in memory. Old-format logs (XP to 8.0) carry a
/// dirty-page bitmap; new-format logs (8.1+) carry HvLE entries guarded by Marvin32 hashes and applied in
/// sequence-number order across .LOG1 and .LOG2.
/// </summary>
internal static class TransactionLogRecovery
{
    private const int SectorSize = 512;

    internal sealed record Result(byte[] Bytes, int EntriesApplied);

    private sealed record LogEntry(uint Sequence, uint DataSize, int Start, int Size, string Log, byte[] Bytes);

    public static Result? Recover(byte[] primary, BaseBlock header, IReadOnlyList<TransactionLogSource> logs, List<HiveDiagnostic> diagnostics)
    {
        var newLogs = new List<(TransactionLogSource Log, BaseBlock Header)>();
        var oldLogs = new List<(TransactionLogSource Log, BaseBlock Header)>();
        foreach (var log in logs)
        {
            if (log.Data.Length == 0)
            {
                continue;
            }
            if (log.Data.Length < SectorSize || !BaseBlock.HasSignature(log.Data))
            {
                Reject(diagnostics, log, "it does not start with a regf base block");
                continue;
            }
            var lh = BaseBlock.Parse(log.Data.AsSpan(0, SectorSize));
            if (!lh.ChecksumValid)
            {
                Reject(diagnostics, log, $"its base block checksum is wrong (stored 0x{lh.Checksum:X8})");
                continue;
            }
            if (lh.FileType == 6)
            {
                newLogs.Add((log, lh));
            }
            else if (lh.FileType is 1 or 2)
            {
                oldLogs.Add((log, lh));
            }
            else
            {
                Reject(diagnostics, log, $"its file type {lh.FileType} is not a transaction log");
            }
        }
        // Logs can only grow a hive by the pages they carry: a claimed size beyond that is hostile.
        long maxDataSize = Math.Min(int.MaxValue - BaseBlock.Size, (long)primary.Length + logs.Sum(l => (long)l.Data.Length));
        var result = newLogs.Count > 0 ? RecoverNew(primary, header, newLogs, diagnostics, maxDataSize) : RecoverOld(primary, header, oldLogs, diagnostics, maxDataSize);
        if (result is not null)
        {
            diagnostics.Add(new HiveDiagnostic(HiveDiagnosticCode.RecoveredFromLogs, -1,
                $"hive was dirty; recovered in memory by replaying {result.EntriesApplied} log {(newLogs.Count > 0 ? "entries" : "page runs")} from {string.Join(", ", (newLogs.Count > 0 ? newLogs : oldLogs).Select(l => Path.GetFileName(l.Log.Name)))}"));
        }
        return result;
    }

    private static Result? RecoverNew(byte[] primary, BaseBlock header, List<(TransactionLogSource Log, BaseBlock Header)> logs, List<HiveDiagnostic> diagnostics, long maxDataSize)
    {
        var entries = new List<LogEntry>();
        foreach (var (log, _) in logs)
        {
            entries.AddRange(ReadEntries(log, diagnostics, maxDataSize));
        }
        if (entries.Count == 0)
        {
            return null;
        }
        byte[] image = (byte[])primary.Clone();
        uint start;
        if (header.ChecksumValid)
        {
            start = header.SecondarySequence;
        }
        else
        {
            // The primary's base block cannot be trusted: take it from the log with the latest entries.
            var latest = logs.MaxBy(l => l.Header.SecondarySequence);
            latest.Log.Data.AsSpan(0, SectorSize).CopyTo(image);
            start = latest.Header.SecondarySequence;
        }
        var ordered = entries.Where(e => e.Sequence >= start).OrderBy(e => e.Sequence).ToList();
        if (ordered.Count == 0)
        {
            diagnostics.Add(new HiveDiagnostic(HiveDiagnosticCode.LogRejected, -1,
                $"transaction logs hold no entry at or after sequence number {start}; nothing to replay"));
            return null;
        }
        uint expected = ordered[0].Sequence;
        uint dataSize = 0;
        int applied = 0;
        foreach (var e in ordered)
        {
            if (e.Sequence < expected)
            {
                continue;
            }
            if (e.Sequence > expected)
            {
                break;
            }
            image = ApplyEntry(image, e);
            dataSize = e.DataSize;
            expected++;
            applied++;
        }
        FinishBaseBlock(image, expected - 1, dataSize);
        return new Result(image, applied);
    }

    private static List<LogEntry> ReadEntries(TransactionLogSource log, List<HiveDiagnostic> diagnostics, long maxDataSize)
    {
        var data = log.Data;
        int pos = SectorSize;
        var list = new List<LogEntry>();
        while (TransactionLogEntry.TryParse(data, pos, out var e))
        {
            uint dataSize = e.HiveBinsDataSize;
            if (dataSize % 4096 != 0 || dataSize == 0 || dataSize > maxDataSize)
            {
                break;
            }
            if (Marvin32.Hash(e.HashedHeader) != e.Hash2 || Marvin32.Hash(e.Body) != e.Hash1)
            {
                // Old entries left behind after the valid ones are normal; a bad hash ends the log.
                break;
            }
            if (!PagesFit(e, dataSize))
            {
                diagnostics.Add(new HiveDiagnostic(HiveDiagnosticCode.LogRejected, pos,
                    $"log entry {e.Sequence} in {Path.GetFileName(log.Name)} has page references outside the hive; the log is read up to it"));
                break;
            }
            list.Add(new LogEntry(e.Sequence, dataSize, pos, e.Size, log.Name, data));
            pos += e.Size;
        }
        return list;
    }

    private static bool PagesFit(TransactionLogEntry entry, uint dataSize)
    {
        long payload = entry.PagesStart;
        for (int i = 0; i < entry.PageCount; i++)
        {
            var (offset, size) = entry.Page(i);
            if ((long)offset + size > dataSize)
            {
                return false;
            }
            payload += size;
        }
        return payload <= entry.Size;
    }

    private static byte[] ApplyEntry(byte[] image, LogEntry e)
    {
        long needed = BaseBlock.Size + (long)e.DataSize;
        if (image.Length < needed)
        {
            Array.Resize(ref image, (int)needed);
        }
        var entry = TransactionLogEntry.Parse(e.Bytes, e.Start, e.Log);
        int dataPos = entry.PagesStart;
        for (int i = 0; i < entry.PageCount; i++)
        {
            var (offset, size) = entry.Page(i);
            entry.Slice(dataPos, (int)size).CopyTo(image.AsSpan(BaseBlock.Size + (int)offset));
            dataPos += (int)size;
        }
        return image;
    }

    private static Result? RecoverOld(byte[] primary, BaseBlock header, List<(TransactionLogSource Log, BaseBlock Header)> logs, List<HiveDiagnostic> diagnostics, long maxDataSize)
    {
        // The specification says a damaged base block's timestamp gives way to the first bin's; yarp's
        // BadBaseBlockHive shows the damaged block's timestamp can still be the one that matches, so both count.
        long binStamp = primary.Length > BaseBlock.Size ? HiveBinHeader.FirstTimestamp(primary.AsSpan(BaseBlock.Size)) : 0;
        foreach (var (log, lh) in logs)
        {
            if (lh.PrimarySequence != lh.SecondarySequence)
            {
                Reject(diagnostics, log, $"its sequence numbers differ ({lh.PrimarySequence}/{lh.SecondarySequence}): it was not completely written");
                continue;
            }
            if (lh.LastWritten != header.LastWritten && (header.ChecksumValid || lh.LastWritten != binStamp))
            {
                Reject(diagnostics, log, "its timestamp does not match the hive's: it belongs to another write of the hive");
                continue;
            }
            var result = ApplyOld(primary, log, lh, diagnostics, maxDataSize);
            if (result is not null)
            {
                return result;
            }
        }
        return null;
    }

    private static Result? ApplyOld(byte[] primary, TransactionLogSource log, BaseBlock lh, List<HiveDiagnostic> diagnostics, long maxDataSize)
    {
        var data = log.Data;
        if (lh.DataSize % 4096 != 0 || lh.DataSize == 0 || lh.DataSize > maxDataSize)
        {
            Reject(diagnostics, log, $"its hive bins data size 0x{lh.DataSize:X} is not a multiple of 4096");
            return null;
        }
        int bits = (int)(lh.DataSize / SectorSize);
        int bitmapBytes = bits / 8;
        if (data.Length < SectorSize + 4 + bitmapBytes || !data.AsSpan(SectorSize, 4).SequenceEqual("DIRT"u8))
        {
            Reject(diagnostics, log, "its dirty vector ('DIRT') is missing or truncated");
            return null;
        }
        var bitmap = data.AsSpan(SectorSize + 4, bitmapBytes);
        int pagePos = (SectorSize + 4 + bitmapBytes + SectorSize - 1) / SectorSize * SectorSize;
        byte[] image = new byte[Math.Max(primary.Length, BaseBlock.Size + (int)lh.DataSize)];
        primary.CopyTo(image, 0);
        int runs = 0;
        bool inRun = false;
        for (int i = 0; i < bits; i++)
        {
            if ((bitmap[i / 8] & (1 << (i % 8))) == 0)
            {
                inRun = false;
                continue;
            }
            if (pagePos + SectorSize > data.Length)
            {
                Reject(diagnostics, log, $"it ends before dirty page {i}");
                return null;
            }
            data.AsSpan(pagePos, SectorSize).CopyTo(image.AsSpan(BaseBlock.Size + (i * SectorSize)));
            pagePos += SectorSize;
            if (!inRun)
            {
                runs++;
                inRun = true;
            }
        }
        data.AsSpan(0, SectorSize).CopyTo(image);
        FinishBaseBlock(image, lh.SecondarySequence, lh.DataSize);
        try
        {
            // Windows verifies the bins it recovered; a broken chain means the log's data is damaged.
            _ = new HiveImage(image, BaseBlock.Parse(image));
        }
        catch (HiveFormatException e)
        {
            Reject(diagnostics, log, $"replaying it leaves a damaged hive ({e.Detail})");
            return null;
        }
        return new Result(image, runs);
    }

    private static void FinishBaseBlock(byte[] image, uint sequence, uint dataSize)
    {
        var b = image.AsSpan(0, BaseBlock.Size);
        BinaryPrimitives.WriteUInt32LittleEndian(b[BaseBlock.PrimarySequenceOffset..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(b[BaseBlock.SecondarySequenceOffset..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(b[BaseBlock.FileTypeOffset..], 0);
        if (dataSize != 0)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b[BaseBlock.DataSizeOffset..], dataSize);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(b[BaseBlock.ChecksumOffset..], BaseBlock.ComputeChecksum(b));
    }

    private static void Reject(List<HiveDiagnostic> diagnostics, TransactionLogSource log, string why) =>
        diagnostics.Add(new HiveDiagnostic(HiveDiagnosticCode.LogRejected, -1, $"transaction log {Path.GetFileName(log.Name)} was not used: {why}"));
}

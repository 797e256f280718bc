using System.Buffers.Binary;

namespace RdsCal.EventLog.Tests;

/// <summary>
/// Edits real .evtx files for tests that need a record no public file holds (an RDS licensing event 1128, say):
/// rewrites one record's event id in place and recomputes its chunk's CRC32 values, so every reader takes the file
/// as Windows wrote it.
/// </summary>
internal static class EvtxSurgery
{
    private const int ChunkRecordsChecksum = 52;
    private const int ChunkHeaderChecksum = 124;
    private const int ChunkFreeSpace = 48;

    /// <summary>
    /// The file with the event id of the first record <paramref name="which"/> picks set to <paramref name="eventId"/>.
    /// The id is a substitution value (a 16-bit integer in the record's template values), so only those two bytes
    /// change, then the chunk's records CRC32 and header CRC32.
    /// </summary>
    public static byte[] WithEventId(byte[] file, Func<EventRecord, bool> which, ushort eventId)
    {
        EventRecord target = Find(file, which);
        EvtxValue? id = target.Root.Element("System")?.Element("EventID")?.Content;
        if (id is null || id.Type != EvtxValueType.UInt16 || id.FileOffset < 0)
        {
            throw new InvalidOperationException($"record {target.RecordId}'s EventID is not a substituted 16-bit value");
        }
        byte[] b = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan((int)id.FileOffset), eventId);
        FixChunkChecksums(b, (int)((target.FileOffset - EvtxFileHeader.Size) / EvtxReader.ChunkSize));
        return b;
    }

    /// <summary>
    /// The file with the computer name <paramref name="from"/> replaced by <paramref name="to"/> in one chunk, as a
    /// collector's ForwardedEvents log holds records of many computers. Windows writes the name as text in the chunk's
    /// templates, which every record of the chunk shares, so the chunk's records all change; the other chunks keep
    /// theirs. The names must have the same length: the text is rewritten in place, then the chunk's CRC32 values.
    /// </summary>
    public static byte[] WithComputer(byte[] file, int chunkIndex, string from, string to)
    {
        if (from.Length != to.Length)
        {
            throw new ArgumentException($"'{to}' must have the length of '{from}' ({from.Length} characters)", nameof(to));
        }
        byte[] b = (byte[])file.Clone();
        Span<byte> chunk = b.AsSpan(EvtxFileHeader.Size + (chunkIndex * EvtxReader.ChunkSize), EvtxReader.ChunkSize);
        byte[] old = System.Text.Encoding.Unicode.GetBytes(from);
        byte[] replacement = System.Text.Encoding.Unicode.GetBytes(to);
        int replaced = 0;
        for (int at = chunk.IndexOf(old); at >= 0; at = chunk.IndexOf(old))
        {
            replacement.CopyTo(chunk[at..]);
            replaced++;
        }
        if (replaced == 0)
        {
            throw new InvalidOperationException($"chunk {chunkIndex} does not hold '{from}'");
        }
        FixChunkChecksums(b, chunkIndex);
        return b;
    }

    /// <summary>The index of the chunk a record is in.</summary>
    public static int ChunkOf(EventRecord record) => (int)((record.FileOffset - EvtxFileHeader.Size) / EvtxReader.ChunkSize);

    /// <summary>
    /// <see cref="WithEventId"/>, and the record's level set to <paramref name="level"/> (2 error, 3 warning), where the
    /// level is a substituted byte as in the TermService records of the real System logs.
    /// </summary>
    public static byte[] WithEventIdAndLevel(byte[] file, Func<EventRecord, bool> which, ushort eventId, byte level)
    {
        ulong id = Find(file, which).RecordId;
        byte[] b = WithEventId(file, which, eventId);
        EventRecord target = Find(b, r => r.RecordId == id);
        EvtxValue? value = target.Root.Element("System")?.Element("Level")?.Content;
        if (value is null || value.Type != EvtxValueType.UInt8 || value.FileOffset < 0)
        {
            throw new InvalidOperationException($"record {target.RecordId}'s Level is not a substituted byte");
        }
        b[(int)value.FileOffset] = level;
        FixChunkChecksums(b, (int)((target.FileOffset - EvtxFileHeader.Size) / EvtxReader.ChunkSize));
        return b;
    }

    /// <summary>Recomputes a chunk's CRC32 over its records (512 up to the free-space offset), then over its header.</summary>
    public static void FixChunkChecksums(byte[] file, int chunkIndex)
    {
        Span<byte> c = file.AsSpan(EvtxFileHeader.Size + (chunkIndex * EvtxReader.ChunkSize), EvtxReader.ChunkSize);
        int free = (int)BinaryPrimitives.ReadUInt32LittleEndian(c[ChunkFreeSpace..]);
        BinaryPrimitives.WriteUInt32LittleEndian(c[ChunkRecordsChecksum..], Crc32.Compute(c[512..free]));
        BinaryPrimitives.WriteUInt32LittleEndian(c[ChunkHeaderChecksum..], Crc32.Append(Crc32.Compute(c[..120]), c[128..512]));
    }

    private static EventRecord Find(byte[] file, Func<EventRecord, bool> which)
    {
        using var reader = new EvtxReader(new MemoryStream(file));
        return reader.ReadAll().FirstOrDefault(which) ?? throw new InvalidOperationException("no record matches");
    }
}

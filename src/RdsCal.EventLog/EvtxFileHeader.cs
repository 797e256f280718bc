using System.Buffers.Binary;

namespace RdsCal.EventLog;

/// <summary>The file header of an .evtx file (the first 4,096 bytes; 128 of them are used).</summary>
/// <param name="FirstChunkNumber">The oldest chunk, counting from 0 (the chunks form a ring).</param>
/// <param name="LastChunkNumber">The newest chunk.</param>
/// <param name="NextRecordId">The identifier the next record written will get.</param>
/// <param name="MinorVersion">1 or 2.</param>
/// <param name="MajorVersion">3.</param>
/// <param name="ChunkCount">The chunks the header accounts for; a dirty file may hold more, which are read too.</param>
/// <param name="Flags">Dirty (not flushed: newer chunks than the header knows may exist) and full.</param>
/// <param name="ChecksumValid">Whether the header's CRC32 (over its first 120 bytes) matches.</param>
public sealed record EvtxFileHeader(
    ulong FirstChunkNumber,
    ulong LastChunkNumber,
    ulong NextRecordId,
    ushort MinorVersion,
    ushort MajorVersion,
    ushort ChunkCount,
    EvtxFileFlags Flags,
    bool ChecksumValid)
{
    /// <summary>The size of the file header block; chunks start here.</summary>
    public const int Size = 4096;

    internal static ReadOnlySpan<byte> Signature => "ElfFile\0"u8;

    internal static EvtxFileHeader Parse(ReadOnlySpan<byte> b, string? path)
    {
        if (!b[..8].SequenceEqual(Signature))
        {
            throw new EvtxFormatException(
                b[..2].SequenceEqual((ReadOnlySpan<byte>)[0x1F, 0x8B]) ? "the data is gzipped inside gzip (or was not unpacked): not an event log" : "no 'ElfFile' signature: not a Windows XML event log (.evtx)",
                0,
                path);
        }
        ushort major = BinaryPrimitives.ReadUInt16LittleEndian(b[38..]);
        if (major != 3)
        {
            throw new EvtxFormatException($"format version {major}.{BinaryPrimitives.ReadUInt16LittleEndian(b[36..])}; only version 3 (Windows Vista and later) is known", 38, path);
        }
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(b[124..]);
        return new EvtxFileHeader(
            BinaryPrimitives.ReadUInt64LittleEndian(b[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(b[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(b[24..]),
            BinaryPrimitives.ReadUInt16LittleEndian(b[36..]),
            major,
            BinaryPrimitives.ReadUInt16LittleEndian(b[42..]),
            (EvtxFileFlags)BinaryPrimitives.ReadUInt32LittleEndian(b[120..]),
            stored == Crc32.Compute(b[..120]));
    }
}

/// <summary>The flags of an .evtx file header.</summary>
[Flags]
public enum EvtxFileFlags
{
    /// <summary>No flag set: the file was closed cleanly.</summary>
    None = 0,

    /// <summary>The header was not flushed when the file was last written: chunks past its count may hold records.</summary>
    Dirty = 1,

    /// <summary>The log reached its maximum size.</summary>
    Full = 2,
}

using System.Buffers.Binary;

namespace RdsCal.Registry.Hive;

/// <summary>The 4096-byte header of a hive or transaction log (regf base block).</summary>
public readonly struct BaseBlock
{
    /// <summary>Size of a base block in a primary file.</summary>
    public const int Size = 4096;

    internal const int SignatureOffset = 0;
    internal const int PrimarySequenceOffset = 4;
    internal const int SecondarySequenceOffset = 8;
    internal const int TimestampOffset = 12;
    internal const int MajorOffset = 20;
    internal const int MinorOffset = 24;
    internal const int FileTypeOffset = 28;
    internal const int FileFormatOffset = 32;
    internal const int RootCellOffset = 36;
    internal const int DataSizeOffset = 40;
    internal const int ClusteringOffset = 44;
    internal const int FileNameOffset = 48;
    internal const int FlagsOffset = 144;
    internal const int ChecksumOffset = 508;

    /// <summary>Primary sequence number (incremented when a write starts).</summary>
    public uint PrimarySequence { get; init; }
    /// <summary>Secondary sequence number (incremented when a write ends).</summary>
    public uint SecondarySequence { get; init; }
    /// <summary>Last written time, as a FILETIME.</summary>
    public long LastWritten { get; init; }
    /// <summary>Major version (1).</summary>
    public uint Major { get; init; }
    /// <summary>Minor version (3 to 6).</summary>
    public uint Minor { get; init; }
    /// <summary>0 primary, 1 or 2 old log, 6 new log.</summary>
    public uint FileType { get; init; }
    /// <summary>1 = direct memory load.</summary>
    public uint FileFormat { get; init; }
    /// <summary>Root key cell offset, relative to the hive bins data.</summary>
    public uint RootCell { get; init; }
    /// <summary>Size of the hive bins data in bytes.</summary>
    public uint DataSize { get; init; }
    /// <summary>Clustering factor.</summary>
    public uint Clustering { get; init; }
    /// <summary>Flags: 0x1 KTM locked, 0x2 layered keys supported.</summary>
    public uint Flags { get; init; }
    /// <summary>The stored checksum.</summary>
    public uint Checksum { get; init; }
    /// <summary>True when the stored checksum is right.</summary>
    public bool ChecksumValid { get; init; }

    /// <summary>True when the sequence numbers differ or the checksum is wrong: logs hold newer data.</summary>
    public bool IsDirty => PrimarySequence != SecondarySequence || !ChecksumValid;

    /// <summary>True when the file supports layered keys (v1.6 delta hives).</summary>
    public bool SupportsLayeredKeys => (Flags & 0x2) != 0;

    /// <summary>Last written time as a date, when set.</summary>
    public DateTimeOffset? LastWrittenTime => FileTimes.ToDate(LastWritten);

    /// <summary>True when the first four bytes are <c>regf</c>.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) => data.Length >= 4 && data[..4].SequenceEqual("regf"u8);

    /// <summary>Parses the fields of a base block (at least 512 bytes).</summary>
    public static BaseBlock Parse(ReadOnlySpan<byte> b)
    {
        if (b.Length < 512)
        {
            throw new HiveFormatException(HiveError.FileTooShort, 0, $"a base block needs 512 bytes, found {b.Length}");
        }
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(b[ChecksumOffset..]);
        return new BaseBlock
        {
            PrimarySequence = BinaryPrimitives.ReadUInt32LittleEndian(b[PrimarySequenceOffset..]),
            SecondarySequence = BinaryPrimitives.ReadUInt32LittleEndian(b[SecondarySequenceOffset..]),
            LastWritten = BinaryPrimitives.ReadInt64LittleEndian(b[TimestampOffset..]),
            Major = BinaryPrimitives.ReadUInt32LittleEndian(b[MajorOffset..]),
            Minor = BinaryPrimitives.ReadUInt32LittleEndian(b[MinorOffset..]),
            FileType = BinaryPrimitives.ReadUInt32LittleEndian(b[FileTypeOffset..]),
            FileFormat = BinaryPrimitives.ReadUInt32LittleEndian(b[FileFormatOffset..]),
            RootCell = BinaryPrimitives.ReadUInt32LittleEndian(b[RootCellOffset..]),
            DataSize = BinaryPrimitives.ReadUInt32LittleEndian(b[DataSizeOffset..]),
            Clustering = BinaryPrimitives.ReadUInt32LittleEndian(b[ClusteringOffset..]),
            Flags = BinaryPrimitives.ReadUInt32LittleEndian(b[FlagsOffset..]),
            Checksum = stored,
            ChecksumValid = stored == ComputeChecksum(b),
        };
    }

    /// <summary>
    /// XOR of the 127 dwords before the checksum field, with Windows' fix-ups: 0xFFFFFFFF becomes
    /// 0xFFFFFFFE and 0 becomes 1 (hivex omits these).
    /// </summary>
    public static uint ComputeChecksum(ReadOnlySpan<byte> b)
    {
        uint sum = 0;
        for (int i = 0; i < ChecksumOffset; i += 4)
        {
            sum ^= BinaryPrimitives.ReadUInt32LittleEndian(b[i..]);
        }
        return sum switch
        {
            0xFFFFFFFF => 0xFFFFFFFE,
            0 => 1,
            _ => sum,
        };
    }
}

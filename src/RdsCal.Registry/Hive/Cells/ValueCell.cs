using System.Buffers.Binary;

namespace RdsCal.Registry.Hive.Cells;

/// <summary>A key value (<c>vk</c>) record.</summary>
internal readonly struct ValueCell
{
    internal const int NameLengthOffset = 2;
    internal const int DataSizeOffset = 4;
    internal const int DataOffsetOffset = 8;
    internal const int TypeOffset = 12;
    internal const int FlagsOffset = 16;
    internal const int NameOffset = 20;
    internal const uint InlineFlag = 0x80000000;
    internal const ushort CompressedName = 0x0001;
    internal const ushort Tombstone = 0x0002;

    public ushort NameLength { get; init; }
    public uint RawDataSize { get; init; }
    public uint DataOffset { get; init; }
    public uint Type { get; init; }
    public ushort Flags { get; init; }

    public bool IsInline => (RawDataSize & InlineFlag) != 0;
    public int DataLength => (int)(RawDataSize & ~InlineFlag);
    public bool IsCompressed => (Flags & CompressedName) != 0;

    public static ValueCell Read(HiveImage image, uint offset, out ReadOnlySpan<byte> cell)
    {
        cell = image.Record(offset, "vk"u8, NameOffset, "a key value");
        var vk = Fields(cell);
        if (NameOffset + vk.NameLength > cell.Length)
        {
            throw image.Bad(HiveError.BadRecord, offset,
                $"value at 0x{offset:X} has a {vk.NameLength}-byte name that overruns its {cell.Length}-byte cell");
        }
        return vk;
    }

    /// <summary>
    /// The fixed fields of a value record whose cell data holds at least <see cref="NameOffset"/> bytes, without the
    /// name check (the deleted-record scanner applies its own plausibility checks).
    /// </summary>
    public static ValueCell Fields(ReadOnlySpan<byte> cell) => new()
    {
        NameLength = BinaryPrimitives.ReadUInt16LittleEndian(cell[NameLengthOffset..]),
        RawDataSize = BinaryPrimitives.ReadUInt32LittleEndian(cell[DataSizeOffset..]),
        DataOffset = BinaryPrimitives.ReadUInt32LittleEndian(cell[DataOffsetOffset..]),
        Type = BinaryPrimitives.ReadUInt32LittleEndian(cell[TypeOffset..]),
        Flags = BinaryPrimitives.ReadUInt16LittleEndian(cell[FlagsOffset..]),
    };
}

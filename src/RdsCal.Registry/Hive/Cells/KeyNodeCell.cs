using System.Buffers.Binary;

namespace RdsCal.Registry.Hive.Cells;

/// <summary>A key node (<c>nk</c>) record: offsets are relative to the cell data (after the size field).</summary>
internal readonly struct KeyNodeCell
{
    internal const int FlagsOffset = 2;
    internal const int LastWrittenOffset = 4;
    internal const int AccessBitsOffset = 12;
    internal const int ParentOffset = 16;
    internal const int SubkeyCountOffset = 20;
    internal const int VolatileSubkeyCountOffset = 24;
    internal const int SubkeyListOffset = 28;
    internal const int VolatileSubkeyListOffset = 32;
    internal const int ValueCountOffset = 36;
    internal const int ValueListOffset = 40;
    internal const int SecurityOffset = 44;
    internal const int ClassOffset = 48;
    internal const int MaxNameLengthOffset = 52;
    internal const int MaxClassLengthOffset = 56;
    internal const int MaxValueNameLengthOffset = 60;
    internal const int MaxValueDataOffset = 64;
    internal const int WorkVarOffset = 68;
    internal const int NameLengthOffset = 72;
    internal const int ClassLengthOffset = 74;
    internal const int NameOffset = 76;

    internal const ushort CompressedName = 0x0020;
    internal const ushort HiveEntry = 0x0004;
    internal const ushort SymbolicLink = 0x0010;

    public ushort Flags { get; init; }
    public long LastWritten { get; init; }
    public uint AccessBits { get; init; }
    public uint Parent { get; init; }
    public uint SubkeyCount { get; init; }
    public uint SubkeyList { get; init; }
    public uint ValueCount { get; init; }
    public uint ValueList { get; init; }
    public uint Security { get; init; }
    public uint Class { get; init; }
    public uint MaxNameLength { get; init; }
    public ushort NameLength { get; init; }
    public ushort ClassLength { get; init; }

    public bool IsCompressed => (Flags & CompressedName) != 0;

    public static KeyNodeCell Parse(HiveImage image, ReadOnlySpan<byte> cell, uint offset)
    {
        var nk = Fields(cell);
        if (NameOffset + nk.NameLength > cell.Length)
        {
            throw image.Bad(HiveError.BadRecord, offset,
                $"key node at 0x{offset:X} has a {nk.NameLength}-byte name that overruns its {cell.Length}-byte cell");
        }
        return nk;
    }

    /// <summary>
    /// The fixed fields of a key node whose cell data holds at least <see cref="NameOffset"/> bytes, without the
    /// name check (the deleted-record scanner applies its own plausibility checks).
    /// </summary>
    public static KeyNodeCell Fields(ReadOnlySpan<byte> cell)
    {
        return new KeyNodeCell
        {
            Flags = BinaryPrimitives.ReadUInt16LittleEndian(cell[FlagsOffset..]),
            LastWritten = BinaryPrimitives.ReadInt64LittleEndian(cell[LastWrittenOffset..]),
            AccessBits = BinaryPrimitives.ReadUInt32LittleEndian(cell[AccessBitsOffset..]),
            Parent = BinaryPrimitives.ReadUInt32LittleEndian(cell[ParentOffset..]),
            SubkeyCount = BinaryPrimitives.ReadUInt32LittleEndian(cell[SubkeyCountOffset..]),
            SubkeyList = BinaryPrimitives.ReadUInt32LittleEndian(cell[SubkeyListOffset..]),
            ValueCount = BinaryPrimitives.ReadUInt32LittleEndian(cell[ValueCountOffset..]),
            ValueList = BinaryPrimitives.ReadUInt32LittleEndian(cell[ValueListOffset..]),
            Security = BinaryPrimitives.ReadUInt32LittleEndian(cell[SecurityOffset..]),
            Class = BinaryPrimitives.ReadUInt32LittleEndian(cell[ClassOffset..]),
            MaxNameLength = BinaryPrimitives.ReadUInt32LittleEndian(cell[MaxNameLengthOffset..]),
            NameLength = BinaryPrimitives.ReadUInt16LittleEndian(cell[NameLengthOffset..]),
            ClassLength = BinaryPrimitives.ReadUInt16LittleEndian(cell[ClassLengthOffset..]),
        };
    }

    /// <summary>The key node record at an offset, checked.</summary>
    public static KeyNodeCell Read(HiveImage image, uint offset, out ReadOnlySpan<byte> cell)
    {
        cell = image.Record(offset, "nk"u8, NameOffset, "a key node");
        return Parse(image, cell, offset);
    }

    public static ReadOnlySpan<byte> NameBytes(ReadOnlySpan<byte> cell, in KeyNodeCell nk) => cell.Slice(NameOffset, nk.NameLength);
}

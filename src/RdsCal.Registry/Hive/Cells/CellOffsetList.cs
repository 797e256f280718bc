using System.Buffers.Binary;

namespace RdsCal.Registry.Hive.Cells;

/// <summary>
/// A list of cell offsets with no header of its own: a key's value list, or a big data record's segment list.
/// Its length comes from the record that points to it.
/// </summary>
internal readonly ref struct CellOffsetList
{
    private readonly ReadOnlySpan<byte> _cell;

    private CellOffsetList(ReadOnlySpan<byte> cell, int count)
    {
        _cell = cell;
        Count = count;
    }

    public int Count { get; }

    /// <summary>The cell offset of element <paramref name="i"/>.</summary>
    public uint this[int i] => (uint)i < (uint)Count
        ? BinaryPrimitives.ReadUInt32LittleEndian(_cell[(i * 4)..])
        : throw new ArgumentOutOfRangeException(nameof(i), i, $"the list holds {Count} offsets");

    /// <summary>The bytes a list of <paramref name="count"/> offsets needs.</summary>
    public static int SizeFor(int count) => count * 4;

    /// <summary>Writes the offsets at the start of a list cell's data.</summary>
    public static void Write(Span<byte> cell, IReadOnlyList<uint> offsets)
    {
        for (int i = 0; i < offsets.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(cell[(i * 4)..], offsets[i]);
        }
    }

    /// <summary>The first <paramref name="count"/> offsets of a list cell's data; false when the cell holds fewer.</summary>
    public static bool TryParse(ReadOnlySpan<byte> cell, long count, out CellOffsetList list)
    {
        list = count >= 0 && count * 4 <= cell.Length ? new CellOffsetList(cell, (int)count) : default;
        return count >= 0 && count * 4 <= cell.Length;
    }

    /// <summary>The first <paramref name="count"/> offsets of a list cell's data.</summary>
    /// <exception cref="HiveFormatException">The cell holds fewer (<see cref="HiveError.BadRecord"/>).</exception>
    public static CellOffsetList Parse(ReadOnlySpan<byte> cell, uint offset, long count, string? path = null) =>
        TryParse(cell, count, out var list) ? list
            : throw new HiveFormatException(HiveError.BadRecord, HiveImage.FileOffsetOf(offset),
                $"list at 0x{offset:X} should hold {count} cell offsets but its {cell.Length}-byte cell holds {cell.Length / 4}", path);
}

using System.Buffers.Binary;

namespace RdsCal.Registry.Hive.Cells;

/// <summary>The kinds of subkey list record.</summary>
internal enum SubkeyListKind
{
    IndexLeaf,
    FastLeaf,
    HashLeaf,
    IndexRoot,
}

/// <summary>A subkey list: <c>li</c>, <c>lf</c>, <c>lh</c> leaves, or an <c>ri</c> index root over leaves.</summary>
internal readonly ref struct SubkeyListCell
{
    internal const int CountOffset = 2;
    internal const int ElementsOffset = 4;

    private readonly ReadOnlySpan<byte> _cell;

    private SubkeyListCell(ReadOnlySpan<byte> cell, SubkeyListKind kind, int count)
    {
        _cell = cell;
        Kind = kind;
        Count = count;
    }

    public SubkeyListKind Kind { get; }

    public int Count { get; }

    public bool IsLeaf => Kind != SubkeyListKind.IndexRoot;

    private int Stride => Kind is SubkeyListKind.FastLeaf or SubkeyListKind.HashLeaf ? 8 : 4;

    /// <summary>The key node (leaf) or leaf (root) offset of element <paramref name="i"/>.</summary>
    public uint this[int i] => BinaryPrimitives.ReadUInt32LittleEndian(_cell[(ElementsOffset + (i * Stride))..]);

    /// <summary>The hash or name hint of element <paramref name="i"/> of an lf/lh leaf.</summary>
    public uint Hint(int i) => BinaryPrimitives.ReadUInt32LittleEndian(_cell[(ElementsOffset + 4 + (i * 8))..]);

    /// <summary>The bytes a list of <paramref name="count"/> elements needs: 8 per element with a hint (lf, lh), else 4.</summary>
    public static int SizeFor(int count, bool withHints) => ElementsOffset + (count * (withHints ? 8 : 4));

    /// <summary>Writes a list's signature and count; returns where its elements go, each <c>(offset[, hint])</c>.</summary>
    public static Span<byte> WriteHeader(Span<byte> cell, ReadOnlySpan<byte> signature, int count)
    {
        signature.CopyTo(cell);
        BinaryPrimitives.WriteUInt16LittleEndian(cell[CountOffset..], (ushort)count);
        return cell[ElementsOffset..];
    }

    public static SubkeyListCell Read(HiveImage image, uint offset)
    {
        var cell = image.Cell(offset);
        if (cell.Length < 4)
        {
            throw image.Bad(HiveError.BadRecord, offset, $"subkey list at 0x{offset:X} is too short");
        }
        SubkeyListKind kind = (cell[0], cell[1]) switch
        {
            ((byte)'l', (byte)'i') => SubkeyListKind.IndexLeaf,
            ((byte)'l', (byte)'f') => SubkeyListKind.FastLeaf,
            ((byte)'l', (byte)'h') => SubkeyListKind.HashLeaf,
            ((byte)'r', (byte)'i') => SubkeyListKind.IndexRoot,
            _ => throw image.Bad(HiveError.BadRecord, offset,
                $"cell at 0x{offset:X} should be a subkey list (li, lf, lh or ri) but starts with '{HiveImage.Printable(cell[..2])}'"),
        };
        int count = BinaryPrimitives.ReadUInt16LittleEndian(cell[CountOffset..]);
        int stride = kind is SubkeyListKind.FastLeaf or SubkeyListKind.HashLeaf ? 8 : 4;
        if (ElementsOffset + ((long)count * stride) > cell.Length)
        {
            throw image.Bad(HiveError.BadRecord, offset,
                $"subkey list at 0x{offset:X} claims {count} elements but its cell holds {(cell.Length - 4) / stride}");
        }
        return new SubkeyListCell(cell, kind, count);
    }
}

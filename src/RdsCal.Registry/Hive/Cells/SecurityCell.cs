using System.Buffers.Binary;

namespace RdsCal.Registry.Hive.Cells;

/// <summary>
/// A security (<c>sk</c>) record: one security descriptor shared by the keys that name it, in a ring of all the
/// hive's sk cells (forward and backward links) with a count of the keys using it.
/// </summary>
internal readonly record struct SecurityCell(uint Flink, uint Blink, uint ReferenceCount, uint DescriptorSize)
{
    internal const int FlinkOffset = 4;
    internal const int BlinkOffset = 8;
    internal const int ReferenceCountOffset = 12;
    internal const int DescriptorSizeOffset = 16;
    internal const int DescriptorOffset = 20;

    /// <summary>Parses the fixed part of an sk record from its cell data (after the size field).</summary>
    /// <exception cref="HiveFormatException">The cell is not an sk record of at least 20 bytes.</exception>
    public static SecurityCell Parse(ReadOnlySpan<byte> cell, uint offset, string? path = null)
    {
        HiveImage.RequireRecord(cell, offset, "sk"u8, DescriptorOffset, "a security descriptor", path);
        return new SecurityCell(
            BinaryPrimitives.ReadUInt32LittleEndian(cell[FlinkOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(cell[BlinkOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(cell[ReferenceCountOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(cell[DescriptorSizeOffset..]));
    }

    /// <summary>The sk record at a cell offset, checked.</summary>
    public static SecurityCell Read(HiveImage image, uint offset, out ReadOnlySpan<byte> cell)
    {
        cell = image.Cell(offset);
        return Parse(cell, offset, image.Path);
    }

    /// <summary>The security descriptor's bytes.</summary>
    /// <exception cref="HiveFormatException">The descriptor's size overruns the cell.</exception>
    public ReadOnlySpan<byte> Descriptor(ReadOnlySpan<byte> cell, uint offset, string? path = null)
    {
        if (DescriptorSize > cell.Length - DescriptorOffset)
        {
            throw new HiveFormatException(HiveError.BadRecord, HiveImage.FileOffsetOf(offset),
                $"security descriptor of {DescriptorSize} bytes overruns its {cell.Length}-byte cell", path);
        }
        return cell.Slice(DescriptorOffset, (int)DescriptorSize);
    }

    /// <summary>Writes a new sk record in a ring of its own (it links to itself).</summary>
    public static void Write(Span<byte> cell, uint self, uint referenceCount, ReadOnlySpan<byte> descriptor)
    {
        "sk"u8.CopyTo(cell);
        BinaryPrimitives.WriteUInt32LittleEndian(cell[FlinkOffset..], self);
        BinaryPrimitives.WriteUInt32LittleEndian(cell[BlinkOffset..], self);
        BinaryPrimitives.WriteUInt32LittleEndian(cell[ReferenceCountOffset..], referenceCount);
        BinaryPrimitives.WriteUInt32LittleEndian(cell[DescriptorSizeOffset..], (uint)descriptor.Length);
        descriptor.CopyTo(cell[DescriptorOffset..]);
    }
}

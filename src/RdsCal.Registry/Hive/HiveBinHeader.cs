using System.Buffers.Binary;

namespace RdsCal.Registry.Hive;

/// <summary>
/// The 32-byte header of a hive bin (<c>hbin</c>): where the bin says it is (relative to the hive bins data),
/// its size, and the timestamp Windows writes into the first bin.
/// </summary>
internal readonly record struct HiveBinHeader(uint Offset, uint Size, long Timestamp)
{
    internal const int Length = 32;
    internal const int OffsetOffset = 4;
    internal const int SizeOffset = 8;
    internal const int TimestampOffset = 20;

    /// <summary>
    /// The bin header at data offset <paramref name="position"/> of the hive bins data, checked: the signature,
    /// the bin's claim to be where it is, and a size that is a multiple of 4096 within the data.
    /// </summary>
    /// <exception cref="HiveFormatException">No bin starts there (<see cref="HiveError.BadBin"/>).</exception>
    public static HiveBinHeader Parse(ReadOnlySpan<byte> data, int position, int binsFound = 0)
    {
        long fileOffset = HiveImage.FileOffsetOf(position);
        int available = data.Length - position;
        if (position < 0 || available < Length || !data.Slice(position, 4).SequenceEqual("hbin"u8))
        {
            string found = position < 0 || available <= 0 ? string.Empty : HiveImage.Printable(data.Slice(position, Math.Min(4, available)));
            throw new HiveFormatException(HiveError.BadBin, fileOffset,
                $"expected a hive bin ('hbin') at data offset 0x{position:X}, found '{found}'; the bin chain is broken after {binsFound} bins");
        }
        var h = data[position..];
        var header = new HiveBinHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(h[OffsetOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(h[SizeOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(h[TimestampOffset..]));
        if (header.Offset != position)
        {
            throw new HiveFormatException(HiveError.BadBin, fileOffset + OffsetOffset,
                $"hive bin at data offset 0x{position:X} says it is at 0x{header.Offset:X}");
        }
        if (header.Size < 4096 || header.Size % 4096 != 0 || header.Size > (uint)available)
        {
            throw new HiveFormatException(HiveError.BadBin, fileOffset + SizeOffset,
                $"hive bin at data offset 0x{position:X} has size 0x{header.Size:X}: not a multiple of 4096 that fits in the hive bins data (0x{data.Length:X})");
        }
        return header;
    }

    /// <summary>Writes a bin header for a bin of <paramref name="size"/> bytes at data offset <paramref name="offset"/>.</summary>
    public static void Write(Span<byte> into, int offset, int size)
    {
        "hbin"u8.CopyTo(into);
        BinaryPrimitives.WriteUInt32LittleEndian(into[OffsetOffset..], (uint)offset);
        BinaryPrimitives.WriteUInt32LittleEndian(into[SizeOffset..], (uint)size);
    }

    /// <summary>The timestamp of the first bin, or 0 when the hive bins data is too short to hold one.</summary>
    public static long FirstTimestamp(ReadOnlySpan<byte> data) =>
        data.Length >= TimestampOffset + 8 ? BinaryPrimitives.ReadInt64LittleEndian(data[TimestampOffset..]) : 0;
}

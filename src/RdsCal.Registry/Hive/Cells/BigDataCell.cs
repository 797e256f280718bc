using System.Buffers.Binary;

namespace RdsCal.Registry.Hive.Cells;

/// <summary>A big data (<c>db</c>) record: data over 16,344 bytes split into segments (hive v1.4+).</summary>
internal static class BigDataCell
{
    /// <summary>Every segment but the last holds exactly this many bytes.</summary>
    internal const int SegmentSize = 16344;

    public static bool IsBigData(ReadOnlySpan<byte> cell) => cell.Length >= 8 && cell[..2].SequenceEqual("db"u8);

    /// <summary>Concatenates the segments into a new array of <paramref name="length"/> bytes.</summary>
    public static byte[] Read(HiveImage image, uint offset, ReadOnlySpan<byte> cell, int length)
    {
        int count = BinaryPrimitives.ReadUInt16LittleEndian(cell[2..]);
        uint listOffset = BinaryPrimitives.ReadUInt32LittleEndian(cell[4..]);
        long needed = ((long)length + SegmentSize - 1) / SegmentSize;
        if (count < needed)
        {
            throw image.Bad(HiveError.BadRecord, offset,
                $"big data at 0x{offset:X} has {count} segments, too few for {length:N0} bytes");
        }
        var list = image.Cell(listOffset);
        if (list.Length < count * 4)
        {
            throw image.Bad(HiveError.BadRecord, listOffset,
                $"big data segment list at 0x{listOffset:X} is {list.Length} bytes, too short for {count} segments");
        }
        // Every segment is checked before the value's buffer is allocated: a hostile length cannot make the
        // reader allocate more than the file really holds.
        long available = 0;
        for (int i = 0; i < needed; i++)
        {
            uint segOffset = BinaryPrimitives.ReadUInt32LittleEndian(list[(i * 4)..]);
            available += Math.Min(SegmentSize, image.Cell(segOffset).Length);
        }
        if (available < length)
        {
            throw image.Bad(HiveError.BadRecord, offset, $"big data at 0x{offset:X} claims {length:N0} bytes but its segments hold {available:N0}");
        }
        var result = new byte[length];
        int done = 0;
        for (int i = 0; done < length; i++)
        {
            uint segOffset = BinaryPrimitives.ReadUInt32LittleEndian(list[(i * 4)..]);
            var seg = image.Cell(segOffset);
            int take = Math.Min(SegmentSize, length - done);
            if (seg.Length < take)
            {
                throw image.Bad(HiveError.BadRecord, segOffset,
                    $"big data segment {i} at 0x{segOffset:X} holds {seg.Length} bytes, {take} needed");
            }
            seg[..take].CopyTo(result.AsSpan(done));
            done += take;
        }
        return result;
    }
}

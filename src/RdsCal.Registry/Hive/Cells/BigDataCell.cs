using System.Buffers.Binary;

namespace RdsCal.Registry.Hive.Cells;

/// <summary>A big data (<c>db</c>) record: data over 16,344 bytes split into segments (hive v1.4+).</summary>
internal readonly record struct BigDataCell(int SegmentCount, uint SegmentList)
{
    /// <summary>Every segment but the last holds exactly this many bytes.</summary>
    internal const int SegmentSize = 16344;
    internal const int SegmentCountOffset = 2;
    internal const int SegmentListOffset = 4;
    internal const int Length = 8;

    public static bool IsBigData(ReadOnlySpan<byte> cell) => cell.Length >= Length && cell[..2].SequenceEqual("db"u8);

    /// <summary>Parses a db record from its cell data (after the size field).</summary>
    /// <exception cref="HiveFormatException">The cell is not a db record of at least 8 bytes.</exception>
    public static BigDataCell Parse(ReadOnlySpan<byte> cell, uint offset, string? path = null)
    {
        HiveImage.RequireRecord(cell, offset, "db"u8, Length, "big data", path);
        return new BigDataCell(BinaryPrimitives.ReadUInt16LittleEndian(cell[SegmentCountOffset..]), BinaryPrimitives.ReadUInt32LittleEndian(cell[SegmentListOffset..]));
    }

    /// <summary>The segment list, checked to hold <see cref="SegmentCount"/> offsets.</summary>
    public CellOffsetList Segments(HiveImage image)
    {
        var cell = image.Cell(SegmentList);
        return CellOffsetList.TryParse(cell, SegmentCount, out var list) ? list
            : throw image.Bad(HiveError.BadRecord, SegmentList, $"big data segment list at 0x{SegmentList:X} is {cell.Length} bytes, too short for {SegmentCount} segments");
    }

    /// <summary>Writes a db record.</summary>
    public static void Write(Span<byte> cell, int segmentCount, uint segmentList)
    {
        "db"u8.CopyTo(cell);
        BinaryPrimitives.WriteUInt16LittleEndian(cell[SegmentCountOffset..], (ushort)segmentCount);
        BinaryPrimitives.WriteUInt32LittleEndian(cell[SegmentListOffset..], segmentList);
    }

    /// <summary>Concatenates the segments into a new array of <paramref name="length"/> bytes.</summary>
    public static byte[] Read(HiveImage image, uint offset, ReadOnlySpan<byte> cell, int length)
    {
        var db = Parse(cell, offset, image.Path);
        long needed = ((long)length + SegmentSize - 1) / SegmentSize;
        if (db.SegmentCount < needed)
        {
            throw image.Bad(HiveError.BadRecord, offset,
                $"big data at 0x{offset:X} has {db.SegmentCount} segments, too few for {length:N0} bytes");
        }
        var segments = db.Segments(image);
        // Every segment is checked before the value's buffer is allocated: a hostile length cannot make the
        // reader allocate more than the file really holds.
        long available = 0;
        for (int i = 0; i < needed; i++)
        {
            available += Math.Min(SegmentSize, image.Cell(segments[i]).Length);
        }
        if (available < length)
        {
            throw image.Bad(HiveError.BadRecord, offset, $"big data at 0x{offset:X} claims {length:N0} bytes but its segments hold {available:N0}");
        }
        var result = new byte[length];
        int done = 0;
        for (int i = 0; done < length; i++)
        {
            uint segOffset = segments[i];
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

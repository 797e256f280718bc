using System.Buffers.Binary;
using RdsCal.Registry.Hive;
using RdsCal.Registry.Hive.Cells;

namespace RdsCal.Registry.Tests.Hive;

/// <summary>
/// The typed records of the regf format parsed from bytes laid out as the format documents them: every field read
/// from its place, and short or foreign input refused with a <see cref="HiveFormatException"/> naming where.
/// </summary>
public class RecordParsingTests
{
    [Fact]
    public void A_security_cell_gives_its_links_count_and_descriptor()
    {
        byte[] descriptor = [1, 0, 4, 0x80, 9, 9, 9];
        byte[] cell = new byte[32];
        SecurityCell.Write(cell, self: 0x120, referenceCount: 3, descriptor);
        BinaryPrimitives.WriteUInt32LittleEndian(cell.AsSpan(4), 0x200);
        BinaryPrimitives.WriteUInt32LittleEndian(cell.AsSpan(8), 0x300);

        var sk = SecurityCell.Parse(cell, 0x120);

        Assert.Equal(new SecurityCell(Flink: 0x200, Blink: 0x300, ReferenceCount: 3, DescriptorSize: 7), sk);
        Assert.Equal(descriptor, sk.Descriptor(cell, 0x120).ToArray());
    }

    [Theory]
    [InlineData("sk", 19)]
    [InlineData("nk", 32)]
    public void A_short_or_foreign_cell_is_not_a_security_cell(string signature, int length)
    {
        byte[] cell = new byte[length];
        System.Text.Encoding.ASCII.GetBytes(signature).CopyTo(cell, 0);
        var e = Assert.Throws<HiveFormatException>(() => SecurityCell.Parse(cell, 0x120, "HIVE"));
        Assert.Equal(HiveError.BadRecord, e.Error);
        Assert.Equal(0x1000 + 0x120, e.FileOffset);
        Assert.Equal("HIVE", e.FilePath);
        Assert.Equal($"cell at 0x120 should hold a security descriptor ('sk', 20+ bytes) but starts with '{signature}' in {length} bytes", e.Detail);
    }

    [Fact]
    public void A_descriptor_size_past_the_cell_is_refused()
    {
        byte[] cell = new byte[24];
        SecurityCell.Write(cell, 0x120, 1, [1, 2, 3, 4]);
        BinaryPrimitives.WriteUInt32LittleEndian(cell.AsSpan(SecurityCell.DescriptorSizeOffset), 5);
        var sk = SecurityCell.Parse(cell, 0x120);
        var e = Assert.Throws<HiveFormatException>(() => sk.Descriptor(cell, 0x120));
        Assert.Equal(HiveError.BadRecord, e.Error);
        Assert.Equal("security descriptor of 5 bytes overruns its 24-byte cell", e.Detail);
    }

    [Fact]
    public void A_big_data_cell_gives_its_segment_count_and_list()
    {
        byte[] cell = new byte[12];
        BigDataCell.Write(cell, segmentCount: 3, segmentList: 0x4A8);
        Assert.True(BigDataCell.IsBigData(cell));
        Assert.Equal(new BigDataCell(SegmentCount: 3, SegmentList: 0x4A8), BigDataCell.Parse(cell, 0x40));
    }

    [Theory]
    [InlineData("db", 7)]
    [InlineData("lf", 8)]
    public void A_short_or_foreign_cell_is_not_big_data(string signature, int length)
    {
        byte[] cell = new byte[length];
        System.Text.Encoding.ASCII.GetBytes(signature).CopyTo(cell, 0);
        Assert.False(BigDataCell.IsBigData(cell));
        var e = Assert.Throws<HiveFormatException>(() => BigDataCell.Parse(cell, 0x40));
        Assert.Equal(HiveError.BadRecord, e.Error);
        Assert.Equal(0x1040, e.FileOffset);
        Assert.StartsWith("cell at 0x40 should hold big data ('db', 8+ bytes)", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_offset_list_reads_as_many_offsets_as_its_referrer_says()
    {
        byte[] cell = new byte[12];
        CellOffsetList.Write(cell, [0x20u, 0x68u]);
        Assert.Equal(8, CellOffsetList.SizeFor(2));
        Assert.Equal([0x20, 0, 0, 0, 0x68, 0, 0, 0, 0, 0, 0, 0], cell);
        var list = CellOffsetList.Parse(cell, 0x80, count: 2);
        Assert.Equal(2, list.Count);
        Assert.Equal(0x20u, list[0]);
        Assert.Equal(0x68u, list[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => CellOffsetList.Parse(cell, 0x80, count: 2)[2]);
    }

    [Fact]
    public void A_cell_offset_list_shorter_than_its_count_is_refused()
    {
        byte[] cell = new byte[12];
        Assert.False(CellOffsetList.TryParse(cell, 4, out _));
        var e = Assert.Throws<HiveFormatException>(() => CellOffsetList.Parse(cell, 0x80, count: 4));
        Assert.Equal(HiveError.BadRecord, e.Error);
        Assert.Equal("list at 0x80 should hold 4 cell offsets but its 12-byte cell holds 3", e.Detail);
    }

    [Fact]
    public void A_bin_header_gives_its_offset_size_and_timestamp()
    {
        byte[] data = new byte[3 * 4096];
        HiveBinHeader.Write(data.AsSpan(4096), 4096, 8192);
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(4096 + HiveBinHeader.TimestampOffset), 0x01D9_0000_1234_5678);
        Assert.Equal(new HiveBinHeader(Offset: 4096, Size: 8192, Timestamp: 0x01D9_0000_1234_5678), HiveBinHeader.Parse(data, 4096));
    }

    [Theory]
    [InlineData(4096, 4096, 4096 - 8, 1, "expected a hive bin ('hbin') at data offset 0x0, found 'hbin'; the bin chain is broken after 0 bins", 0x1000)]
    [InlineData(12288, 8192, 0, 4096, "hive bin at data offset 0x0 says it is at 0x2000", 0x1004)]
    [InlineData(12288, 0, 6000, 4096, "hive bin at data offset 0x0 has size 0x1770: not a multiple of 4096 that fits in the hive bins data (0x3000)", 0x1008)]
    [InlineData(8192, 0, 12288, 4096, "hive bin at data offset 0x0 has size 0x3000: not a multiple of 4096 that fits in the hive bins data (0x2000)", 0x1008)]
    public void A_bad_or_truncated_bin_header_is_refused(int dataSize, int claimedOffset, int claimedSize, int cut, string message, long fileOffset)
    {
        byte[] data = new byte[dataSize];
        HiveBinHeader.Write(data, claimedOffset, claimedSize);
        var span = cut == 1 ? data.AsSpan(0, 28) : data.AsSpan();
        byte[] input = span.ToArray();
        var e = Assert.Throws<HiveFormatException>(() => HiveBinHeader.Parse(input, 0));
        Assert.Equal(HiveError.BadBin, e.Error);
        Assert.Equal(fileOffset, e.FileOffset);
        Assert.Equal(message, e.Detail);
    }

    [Fact]
    public void A_log_entry_gives_its_header_fields_and_page_references()
    {
        byte[] log = LogWithEntry(pages: [(0x1000, 8), (0x3000, 16)], size: 512);
        var e = TransactionLogEntry.Parse(log, 512);
        Assert.Equal(512, e.Size);
        Assert.Equal(7u, e.Sequence);
        Assert.Equal(0x4000u, e.HiveBinsDataSize);
        Assert.Equal(2, e.PageCount);
        Assert.Equal(((uint)0x1000, (uint)8), e.Page(0));
        Assert.Equal(((uint)0x3000, (uint)16), e.Page(1));
        Assert.Equal(TransactionLogEntry.HeaderSize + 16, e.PagesStart);
        Assert.Equal(0x1111_2222_3333_4444ul, e.Hash1);
        Assert.Equal(0x5555_6666_7777_8888ul, e.Hash2);
        Assert.Equal(32, e.HashedHeader.Length);
        Assert.Equal(512 - TransactionLogEntry.HeaderSize, e.Body.Length);
    }

    [Theory]
    [InlineData(512, 0, 0, 100, "no log entry ('HvLE' and a 40-byte header) at offset 0x200")]
    [InlineData(513, 0, 0, 1024, "log entry at offset 0x200 has size 0x201: not a multiple of 512 that fits in the 1,024-byte log")]
    [InlineData(1024, 0, 0, 1024, "log entry at offset 0x200 has size 0x400: not a multiple of 512 that fits in the 1,024-byte log")]
    [InlineData(512, 60, 0, 1024, "log entry at offset 0x200 claims 60 page references, more than its 512 bytes hold")]
    [InlineData(512, 0, 1, 1024, "no log entry ('HvLE' and a 40-byte header) at offset 0x200")]
    public void A_bad_or_truncated_log_entry_is_refused(int size, int pageCount, int badSignature, int logLength, string message)
    {
        byte[] log = LogWithEntry(pages: [], size: 512);
        BinaryPrimitives.WriteUInt32LittleEndian(log.AsSpan(512 + 4), (uint)size);
        BinaryPrimitives.WriteUInt32LittleEndian(log.AsSpan(512 + 20), (uint)pageCount);
        if (badSignature == 1)
        {
            log[512] = (byte)'X';
        }
        byte[] input = log.AsSpan(0, logLength).ToArray();
        Assert.False(TransactionLogEntry.TryParse(input, 512, out _));
        var e = Assert.Throws<HiveFormatException>(() => TransactionLogEntry.Parse(input, 512, "SYSTEM.LOG1"));
        Assert.Equal(HiveError.BadLog, e.Error);
        Assert.Equal(512, e.FileOffset);
        Assert.Equal("SYSTEM.LOG1", e.FilePath);
        Assert.Equal(message, e.Detail);
    }

    /// <summary>A 1,024-byte log whose second sector starts an HvLE entry (sequence 7, 16 KiB of hive bins data).</summary>
    private static byte[] LogWithEntry((uint Offset, uint Size)[] pages, int size)
    {
        byte[] log = new byte[1024];
        var h = log.AsSpan(512);
        "HvLE"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], (uint)size);
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], 7);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], 0x4000);
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], (uint)pages.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(h[24..], 0x1111_2222_3333_4444);
        BinaryPrimitives.WriteUInt64LittleEndian(h[32..], 0x5555_6666_7777_8888);
        for (int i = 0; i < pages.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(h[(40 + (i * 8))..], pages[i].Offset);
            BinaryPrimitives.WriteUInt32LittleEndian(h[(44 + (i * 8))..], pages[i].Size);
        }
        return log;
    }
}

using System.IO.Compression;

namespace RdsCal.EventLog.Tests;

public sealed class EvtxReaderTests
{
    [Fact]
    public void Crc32_is_the_zlib_checksum()
    {
        // The standard check value of CRC-32/ISO-HDLC.
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(Crc32.Compute("123456789"u8), Crc32.Append(Crc32.Compute("1234"u8), "56789"u8));
    }

    [TestDataFact]
    public void A_gzipped_file_reads_as_the_plain_one()
    {
        List<(ulong, int?)> plain = Ids(EvtxReader.Open(EvtxFiles.Path(EvtxFiles.System)));
        List<(ulong, int?)> gzipped = Ids(EvtxReader.Open(EvtxFiles.Gzipped(EvtxFiles.System)));

        Assert.Equal(1881, plain.Count);
        Assert.Equal(plain, gzipped);
    }

    [TestDataFact]
    public void A_gzip_bomb_stops_at_the_limit_with_a_typed_error()
    {
        using var reader = EvtxReader.Open(EvtxFiles.Gzipped(EvtxFiles.Security), new EvtxReaderOptions { MaxDecompressedBytes = 300_000 });

        var e = Assert.Throws<EvtxFormatException>(() => reader.ReadAll().Count());

        Assert.Contains("decompression bomb", e.Message, StringComparison.Ordinal);
        Assert.Equal(300_000, e.FileOffset);
    }

    [TestDataFact]
    public void Damaged_gzip_data_is_a_typed_error()
    {
        byte[] gz = File.ReadAllBytes(EvtxFiles.Gzipped(EvtxFiles.Security));
        gz.AsSpan(gz.Length / 2, 64).Fill(0x55);
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.File("damaged.evtx.gz"), gz);

        Assert.Throws<EvtxFormatException>(() =>
        {
            using var reader = EvtxReader.Open(temp.File("damaged.evtx.gz"));
            return reader.ReadAll().Count();
        });
    }

    [Theory]
    [InlineData(new byte[0], "shorter than an .evtx file header")]
    [InlineData(new byte[] { 0x45, 0x6C, 0x66 }, "shorter than an .evtx file header")]
    public void A_file_too_short_for_a_header_is_refused(byte[] bytes, string reason)
    {
        var e = Assert.Throws<EvtxFormatException>(() => new EvtxReader(new MemoryStream(bytes)));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Equal(0, e.FileOffset);
    }

    [Fact]
    public void A_file_that_is_not_an_event_log_is_refused_at_offset_0()
    {
        byte[] hive = new byte[8192];
        "regf"u8.CopyTo(hive);

        var e = Assert.Throws<EvtxFormatException>(() => new EvtxReader(new MemoryStream(hive), sourcePath: "SYSTEM"));

        Assert.Equal(0, e.FileOffset);
        Assert.Equal("SYSTEM", e.SourcePath);
        Assert.StartsWith("SYSTEM: no 'ElfFile' signature", e.Message, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void A_stream_that_cannot_seek_reads_whole()
    {
        using var pipe = new ForwardOnlyStream(File.OpenRead(EvtxFiles.Path(EvtxFiles.System)));
        Assert.Equal(1881, Ids(new EvtxReader(pipe, leaveOpen: true)).Count);
    }

    [TestDataFact]
    public void A_dirty_file_is_read_past_the_chunks_its_header_counts()
    {
        using var reader = EvtxReader.Open(EvtxFiles.Path("2-vss_7-System.evtx"));
        int records = reader.ReadAll().Count();

        Assert.True(reader.Header.Flags.HasFlag(EvtxFileFlags.Dirty));
        Assert.Equal(4, reader.Header.ChunkCount);
        Assert.Equal(11, reader.ChunksRead);
        Assert.Equal(1160, records);
        Assert.Empty(reader.Warnings);
    }

    [TestDataFact]
    public void A_bad_chunk_and_damaged_records_are_skipped_with_warnings_naming_their_offsets()
    {
        using var reader = EvtxReader.Open(EvtxFiles.Path(EvtxFiles.BadChunkMagic));
        List<ulong> ids = [.. reader.ReadAll().Select(r => r.RecordId)];

        Assert.Equal(267, ids.Count);
        Assert.Contains(reader.Warnings, w => w.Kind == EvtxWarningKind.BadChunk && w.FileOffset == 0x61000 && w.Message.Contains("0x61000", StringComparison.Ordinal));
        var skipped = reader.Warnings.Where(w => w.Kind == EvtxWarningKind.BadRecord && w.Message.Contains("copy of its size", StringComparison.Ordinal)).ToList();
        Assert.Equal([0x2FC0L, 0x72E68L, 0x9EE40L], skipped.Select(w => w.FileOffset));
        Assert.DoesNotContain(46741UL, ids);
        // Reading went on past every problem: records after the bad chunk were read.
        Assert.Contains(ids, id => id >= 45820 && id <= 45949);
    }

    [TestDataFact]
    public void Checksum_failures_are_warnings_and_the_records_are_still_read()
    {
        using var reader = EvtxReader.Open(EvtxFiles.Path("Application_no_crc32.evtx"));
        int records = reader.ReadAll().Count();

        Assert.Equal(17, records);
        Assert.False(reader.Header.ChecksumValid);
        Assert.Equal(
            [EvtxWarningKind.FileHeaderChecksum, EvtxWarningKind.ChunkHeaderChecksum, EvtxWarningKind.RecordsChecksum],
            reader.Warnings.Select(w => w.Kind));
    }

    [TestDataFact]
    public void A_classic_System_log_event_carries_its_source_qualifiers_and_unnamed_data()
    {
        using var reader = EvtxReader.Open(EvtxFiles.Path("2-vss_7-System.evtx"));
        EventRecord r = reader.ReadAll().Single(r => r.EventSourceName == "TermService");

        Assert.Equal(1056, r.EventId);
        Assert.Equal(49152, r.Qualifiers);
        Assert.Equal("Microsoft-Windows-TerminalServices-RemoteConnectionManager", r.ProviderName);
        Assert.Equal(Guid.Parse("c76baa63-ae81-421c-b425-340b4b24157f"), r.ProviderGuid);
        Assert.Equal((byte)4, r.Level);
        Assert.Equal(0x80000000000000UL, r.Keywords);
        Assert.Equal("System", r.Channel);
        Assert.Equal("DESKTOP-1N4R894", r.Computer);
        Assert.Equal(new DateTime(2018, 7, 6, 18, 45, 47, DateTimeKind.Utc).AddTicks(178202), r.TimeCreated);
        Assert.Equal(EventDataKind.EventData, r.DataKind);
        Assert.Equal([(null, "DESKTOP-1N4R894"), ("Binary", "59EFF2E3B509C83137E81085E02A1AC63A7E61AA")], r.Data.Select(d => (d.Name, d.Value.Text)));
        Assert.Equal(EvtxValueType.Binary, r.Data[1].Value.Type);
        Assert.Contains("<EventID Qualifiers=\"49152\">1056</EventID>", r.ToXml(), StringComparison.Ordinal);
    }

    [TestDataFact]
    public void Typed_values_keep_their_types()
    {
        using var reader = EvtxReader.Open(EvtxFiles.Path("new-user-security.evtx"));
        EventRecord r = reader.ReadAll().First();

        EventDataItem sid = r.Data.Single(d => d.Name == "MemberSid");
        Assert.Equal(EvtxValueType.Sid, sid.Value.Type);
        Assert.Equal("S-1-5-21-3463664321-2923530833-3546627382-1000", sid.Value.Value);
        EventDataItem logon = r.Data.Single(d => d.Name == "SubjectLogonId");
        Assert.Equal(EvtxValueType.HexInt64, logon.Value.Type);
        Assert.Equal("0x00000000000003e7", logon.Value.Text);
        Assert.True(logon.Value.TryGetUInt64(out ulong id));
        Assert.Equal(0x3E7UL, id);
        Assert.Equal(111UL, r.RecordId);
        Assert.Equal(1UL, r.HeaderRecordId);
    }

    [TestDataFact]
    public void UserData_items_are_the_children_of_its_element()
    {
        using var reader = EvtxReader.Open(EvtxFiles.Path("2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager-Operational.evtx"));
        EventRecord r = reader.ReadAll().First(r => r.EventId == 1149);

        Assert.Equal(EventDataKind.UserData, r.DataKind);
        Assert.Equal(["Param1", "Param2", "Param3"], r.Data.Select(d => d.Name));
    }

    [TestDataFact]
    public void Limits_turn_oversized_records_into_warnings_not_exceptions()
    {
        using var shallow = EvtxReader.Open(EvtxFiles.Path(EvtxFiles.System), new EvtxReaderOptions { MaxDepth = 2 });
        Assert.Empty(shallow.ReadAll());
        Assert.Equal(1881, shallow.WarningCount);
        Assert.All(shallow.Warnings, w => Assert.Contains("deeper than 2 levels", w.Message, StringComparison.Ordinal));

        using var small = EvtxReader.Open(EvtxFiles.Path(EvtxFiles.System), new EvtxReaderOptions { MaxNodesPerRecord = 10, MaxWarnings = 5 });
        Assert.Empty(small.ReadAll());
        Assert.Equal(5, small.Warnings.Count);
        Assert.Equal(1881, small.WarningCount);
    }

    private static List<(ulong, int?)> Ids(EvtxReader reader)
    {
        using (reader)
        {
            return [.. reader.ReadAll().Select(r => (r.RecordId, r.EventId))];
        }
    }

    /// <summary>A stream that only reads forward, in small pieces, as a pipe does.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : ForwardReadStream
    {
        public override int Read(Span<byte> buffer) => inner.Read(buffer[..Math.Min(buffer.Length, 1000)]);

        protected override void Dispose(bool disposing)
        {
            inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

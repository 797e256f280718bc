using System.Buffers.Binary;

namespace RdsCal.EventLog.Tests;

/// <summary>
/// Single fields of a real file rewritten to hostile values (new-user-security.evtx: one chunk at 0x1000, its first
/// record at 0x1200, whose template instance names its definition at 0x1222; the definition follows inline, its
/// size at 0x123A). Each damage costs what it
/// touches, never the file: the reader warns with the offset and reads the rest.
/// </summary>
public sealed class EvtxReaderHostileTests
{
    public static TheoryData<string, int, uint, EvtxWarningKind, long, string, int> Rows => new()
    {
        { "record size past the chunk", 0x1204, 0x7FFFFFF0, EvtxWarningKind.BadRecord, 0x1200, "does not fit in its chunk", 0 },
        { "record size below a header", 0x1204, 8, EvtxWarningKind.BadRecord, 0x1200, "does not fit in its chunk", 0 },
        { "template definition outside the chunk", 0x1222, 0x7FFFFFF0, EvtxWarningKind.BadRecord, 0x1200, "template definition offset", 3 },
        { "template definition in the chunk header", 0x1222, 0x10, EvtxWarningKind.BadRecord, 0x1200, "template definition offset", 3 },
        // Every record of the chunk uses that definition: all four are lost, each with its own warning.
        { "template body past the chunk", 0x123A, 0x7FFFFFF0, EvtxWarningKind.BadRecord, 0x1200, "runs past the end of the chunk", 0 },
        { "chunk signature", 0x1000, 0x42424242, EvtxWarningKind.BadChunk, 0x1000, "no 'ElfChnk' signature", 0 },
    };

    [TestDataTheory]
    [MemberData(nameof(Rows))]
    public void A_damaged_field_costs_only_what_it_touches(string damage, int offset, uint value, EvtxWarningKind kind, long warningOffset, string reason, int records)
    {
        byte[] file = EvtxFiles.Bytes("new-user-security.evtx");
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(offset), value);

        using var reader = new EvtxReader(new MemoryStream(file));
        int read = Bounded.Run(damage, TimeSpan.FromSeconds(5), () => reader.ReadAll().Count());

        Assert.Equal(records, read);
        EvtxWarning warning = reader.Warnings.First(w => w.Kind == kind);
        Assert.Equal(warningOffset, warning.FileOffset);
        Assert.Contains(reason, warning.Message, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void A_file_of_only_a_header_has_no_records_and_no_warnings()
    {
        byte[] header = EvtxFiles.Bytes("new-user-security.evtx")[..EvtxFileHeader.Size];

        using var reader = new EvtxReader(new MemoryStream(header));

        Assert.Null(reader.ReadNext());
        Assert.Empty(reader.Warnings);
        Assert.Equal(1, reader.Header.ChunkCount);
    }

    [TestDataFact]
    public void A_file_cut_inside_a_chunk_warns_about_the_partial_chunk()
    {
        byte[] cut = EvtxFiles.Bytes("new-user-security.evtx")[..(EvtxFileHeader.Size + 30_000)];

        using var reader = new EvtxReader(new MemoryStream(cut));

        Assert.Empty(reader.ReadAll());
        EvtxWarning warning = Assert.Single(reader.Warnings);
        Assert.Equal(EvtxWarningKind.TruncatedChunk, warning.Kind);
        Assert.Equal(0x1000, warning.FileOffset);
    }
}

namespace RdsCal.EventLog.Tests;

public sealed class EvtxSurgeryTests
{
    [TestDataFact]
    public void A_record_rewritten_to_1128_reads_back_with_valid_checksums()
    {
        byte[] original = EvtxFiles.Bytes(EvtxFiles.System);
        EventRecord before = Read(original, out _).First(r => r.RecordId == 100);

        byte[] edited = EvtxSurgery.WithEventId(original, r => r.RecordId == 100, 1128);

        List<EventRecord> after = Read(edited, out var warnings);
        Assert.Empty(warnings);
        EventRecord rewritten = after.Single(r => r.RecordId == 100);
        Assert.Equal(1128, rewritten.EventId);
        Assert.NotEqual(1128, before.EventId);
        Assert.Equal(before.ProviderName, rewritten.ProviderName);
        Assert.Equal(before.TimeCreated, rewritten.TimeCreated);
        // Only the one record changed.
        Assert.Equal(
            Read(original, out _).Where(r => r.RecordId != 100).Select(r => (r.RecordId, r.EventId)),
            after.Where(r => r.RecordId != 100).Select(r => (r.RecordId, r.EventId)));
    }

    [ToolFact("evtxexport")]
    public void Evtxexport_reads_the_rewritten_record_as_1128()
    {
        byte[] edited = EvtxSurgery.WithEventId(EvtxFiles.Bytes(EvtxFiles.System), r => r.RecordId == 100, 1128);
        using var temp = new TempFolder();
        string path = temp.File("system-1128.evtx");
        File.WriteAllBytes(path, edited);

        List<CrossCheck.TheirRecord>? theirs = CrossCheck.IndependentReaders.Evtxexport(path);

        Assert.NotNull(theirs);
        Assert.Equal("1128", theirs.Single(r => r.Id == 100).Fields!.EventId);
    }

    [TestDataFact]
    public void The_classic_TermService_record_becomes_a_legacy_licensing_event()
    {
        // 2-vss_7-System.evtx holds one RCM event 1056 logged through the classic source TermService, qualifiers
        // 0xC000: the shape of the System log's licensing warnings 1128-1133.
        byte[] original = EvtxFiles.Bytes("2-vss_7-System.evtx");
        static bool Classic(EventRecord r) => r.EventSourceName == "TermService" && r.EventId == 1056;

        byte[] edited = EvtxSurgery.WithEventId(original, Classic, 1128);

        EventRecord record = Read(edited, out var warnings).Single(r => r.EventSourceName == "TermService" && r.EventId == 1128);
        Assert.Empty(warnings);
        Assert.Equal("Microsoft-Windows-TerminalServices-RemoteConnectionManager", record.ProviderName);
        Assert.Equal(49152, record.Qualifiers);
        Assert.Equal("System", record.Channel);
    }

    private static List<EventRecord> Read(byte[] file, out IReadOnlyList<EvtxWarning> warnings)
    {
        using var reader = new EvtxReader(new MemoryStream(file));
        List<EventRecord> records = [.. reader.ReadAll()];
        warnings = reader.Warnings;
        return records;
    }
}

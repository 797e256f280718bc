namespace RdsCal.EventLog.Tests;

/// <summary>
/// Memory that must not grow with the file. It is measured process-wide (what is still alive after a full
/// collection), so the test runs alone, not beside other tests that allocate.
/// </summary>
[Collection(nameof(EvtxReaderScalingTests))]
[CollectionDefinition(nameof(EvtxReaderScalingTests), DisableParallelization = true)]
public sealed class EvtxReaderScalingTests
{
    [TestDataFact]
    [Trait("Category", "Slow")]
    public void Memory_stays_flat_over_a_100_MB_log()
    {
        // 1,600 chunks (100 MiB) of security.evtx's 26, about 139,000 records.
        using var reader = new EvtxReader(new ConcatenatedChunks(EvtxFiles.Bytes(EvtxFiles.Security), 1600));
        var retained = new List<long>();
        long records = 0;
        while (reader.ReadNext() is { } record)
        {
            GC.KeepAlive(record.ToXml());
            if (++records % 20_000 == 0)
            {
                retained.Add(GC.GetTotalMemory(forceFullCollection: true));
            }
        }

        Assert.Equal(1600, reader.ChunksRead);
        Assert.Equal(1600L * 2261 / 26, records, tolerance: 200);
        Assert.True(retained.Count >= 6);
        // The reader holds one chunk and its caches: what stays alive must not grow with what was read.
        Assert.True(retained.Max() - retained.Min() < 4 << 20, $"retained memory grew: {string.Join(", ", retained.Select(b => b / 1024 + " KiB"))}");
    }
}

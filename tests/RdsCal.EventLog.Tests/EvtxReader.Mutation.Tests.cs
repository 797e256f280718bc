namespace RdsCal.EventLog.Tests;

/// <summary>
/// A seeded mutation loop over real files (the fuzzer in fuzz/RdsCal.Fuzz runs the same at scale): every damaged file
/// reads to its end or fails with <see cref="EvtxFormatException"/>, never another exception, a hang or a blow-up.
/// </summary>
public sealed class EvtxReaderMutationTests
{
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(5);

    [TestDataTheory]
    [InlineData("new-user-security.evtx", 1)]
    [InlineData("Application_no_crc32.evtx", 2)]
    [InlineData("issue_201.evtx", 3)]
    [InlineData("2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager-Operational.evtx", 4)]
    public void Mutated_files_read_or_fail_with_a_format_error(string name, int seed)
    {
        byte[] original = EvtxFiles.Bytes(name);
        // Small seeds: the first three chunks, so mutations land on records rather than on empty space.
        original = original[..Math.Min(original.Length, EvtxFileHeader.Size + (3 * EvtxReader.ChunkSize))];
        var mutator = new Mutator(seed);
        int read = 0, rejected = 0;
        for (int i = 0; i < 750; i++)
        {
            byte[] input = mutator.Mutate(original);
            bool ok = Bounded.Run($"{name} mutation {i} (seed {seed})", PerInput, () => EvtxFuzzing.ReadEverything(input));
            _ = ok ? read++ : rejected++;
        }
        Assert.True(read > 0, "no mutated input was readable: the mutations are too coarse to test the decoder");
    }
}

namespace RdsCal.EventLog;

/// <summary>Limits that bound the work a hostile file can cause; the defaults are far above anything Windows writes.</summary>
public sealed record EvtxReaderOptions
{
    /// <summary>The options used when none are given.</summary>
    public static EvtxReaderOptions Default { get; } = new();

    /// <summary>
    /// How deep BinXml may nest: elements inside elements, template instances inside substitution values. Real
    /// events stay under 12.
    /// </summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// The most XML nodes (elements, attributes, values) one record may expand to. Templates reused inside templates
    /// could otherwise expand a 64 KiB chunk exponentially; real events hold a few hundred.
    /// </summary>
    public int MaxNodesPerRecord { get; init; } = 100_000;

    /// <summary>
    /// The most bytes a gzipped input may expand to (16 GiB, far past any real log). The file is streamed, so the
    /// cap bounds time, not memory.
    /// </summary>
    public long MaxDecompressedBytes { get; init; } = 16L << 30;

    /// <summary>The most warnings kept in <see cref="EvtxReader.Warnings"/>; later ones are counted only.</summary>
    public int MaxWarnings { get; init; } = 1_000;
}

namespace RdsCal.EventLog;

/// <summary>Something the reader skipped or doubted and went on past; the records it could read are still yielded.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="FileOffset">Where in the (decompressed) file: the chunk's or the record's offset.</param>
/// <param name="Message">The problem in words, including the offset.</param>
public sealed record EvtxWarning(EvtxWarningKind Kind, long FileOffset, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}

/// <summary>The kinds of <see cref="EvtxWarning"/>.</summary>
public enum EvtxWarningKind
{
    /// <summary>The file header's CRC32 does not match; the chunks are read anyway, as Windows' readers do.</summary>
    FileHeaderChecksum,

    /// <summary>A chunk without the 'ElfChnk' signature (and not empty): skipped whole.</summary>
    BadChunk,

    /// <summary>A chunk header's CRC32 does not match; its records are read, each checked on its own.</summary>
    ChunkHeaderChecksum,

    /// <summary>The CRC32 over a chunk's records does not match (usual in the newest chunk of a dirty file).</summary>
    RecordsChecksum,

    /// <summary>A record whose framing (signature, size, trailing size copy) or BinXml could not be read: skipped.</summary>
    BadRecord,

    /// <summary>The file ends inside a chunk: the partial chunk is not read.</summary>
    TruncatedChunk,
}

namespace RdsCal.Registry.Hive;

/// <summary>Stable codes for what can be wrong with a hive file. The CLI prints them and JSON carries them.</summary>
public enum HiveError
{
    /// <summary>The file is shorter than a base block plus one bin.</summary>
    FileTooShort = 1,
    /// <summary>The first four bytes are not <c>regf</c>.</summary>
    BadSignature,
    /// <summary>The file is a transaction log, not a primary hive.</summary>
    IsTransactionLog,
    /// <summary>Major version is not 1 or minor version is outside 3..6.</summary>
    UnsupportedVersion,
    /// <summary>File format field is not 1 (direct memory load).</summary>
    UnsupportedFormat,
    /// <summary>The base block checksum is wrong and no log could repair it.</summary>
    BadChecksum,
    /// <summary>The hive bins data size is not a multiple of 4096.</summary>
    BadDataSize,
    /// <summary>The file ends before the hive bins data the header promises.</summary>
    Truncated,
    /// <summary>A hive bin header is wrong (signature, offset or size).</summary>
    BadBin,
    /// <summary>A cell reference points outside the data, off alignment or into a bin header.</summary>
    BadCellOffset,
    /// <summary>A cell's size field is impossible (zero, unaligned or crossing its bin).</summary>
    BadCellSize,
    /// <summary>A cell does not hold the record its referrer expects.</summary>
    BadRecord,
    /// <summary>The root key is missing or not a key node.</summary>
    BadRoot,
    /// <summary>Keys form a cycle or nest deeper than the limit.</summary>
    TooDeep,
    /// <summary>A transaction log is unusable.</summary>
    BadLog,
    /// <summary>The file could not be read.</summary>
    Unreadable,
}

namespace RdsCal.EventLog;

/// <summary>
/// An .evtx file (or a part of it the reader cannot skip) is not what the format says it must be. The message ends
/// with the file offset of the problem, which <see cref="FileOffset"/> carries too.
/// </summary>
public sealed class EvtxFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public EvtxFormatException(string reason, long fileOffset, string? sourcePath = null, Exception? inner = null)
        : base(Compose(reason, fileOffset, sourcePath), inner)
    {
        Reason = reason;
        FileOffset = fileOffset;
        SourcePath = sourcePath;
    }

    /// <summary>Creates the exception with a message only (offset 0).</summary>
    public EvtxFormatException()
        : this("the file is not a readable event log", 0)
    {
    }

    /// <summary>Creates the exception with a message only (offset 0).</summary>
    public EvtxFormatException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception (offset 0).</summary>
    public EvtxFormatException(string message, Exception inner)
        : this(message, 0, null, inner)
    {
    }

    /// <summary>The problem in words, without the file name or offset.</summary>
    public string Reason { get; }

    /// <summary>The offset in the (decompressed) file where the problem is.</summary>
    public long FileOffset { get; }

    /// <summary>The file being read, when known.</summary>
    public string? SourcePath { get; }

    private static string Compose(string reason, long offset, string? path) =>
        path is null ? $"{reason} (at file offset 0x{offset:X})" : $"{path}: {reason} (at file offset 0x{offset:X})";
}

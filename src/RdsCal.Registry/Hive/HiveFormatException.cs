namespace RdsCal.Registry.Hive;

/// <summary>
/// A hive file is corrupt, truncated or not a hive. Carries the file (when known), the absolute file
/// offset of the problem and a stable <see cref="HiveError"/> code; the message says the same in words.
/// </summary>
public sealed class HiveFormatException : RegistryFormatException
{
    /// <summary>Creates the exception.</summary>
    public HiveFormatException(HiveError error, long fileOffset, string message, string? filePath = null, Exception? inner = null)
        : base(Compose(error, fileOffset, message), inner)
    {
        Error = error;
        FileOffset = fileOffset;
        Detail = message;
        FilePath = filePath;
    }

    /// <summary>Required by analyzers; prefer the detailed constructor.</summary>
    public HiveFormatException()
        : this(HiveError.BadRecord, -1, "invalid hive")
    {
    }

    /// <summary>Required by analyzers; prefer the detailed constructor.</summary>
    public HiveFormatException(string message)
        : this(HiveError.BadRecord, -1, message)
    {
    }

    /// <summary>Required by analyzers; prefer the detailed constructor.</summary>
    public HiveFormatException(string message, Exception inner)
        : this(HiveError.BadRecord, -1, message, null, inner)
    {
    }

    /// <summary>What is wrong, as a stable code.</summary>
    public HiveError Error { get; }

    /// <summary>Absolute offset in the file where the problem is, or -1 when not tied to one place.</summary>
    public long FileOffset { get; }

    /// <summary>The message without the offset prefix.</summary>
    public string Detail { get; }

    /// <summary>The file being read, when the hive was opened from a path.</summary>
    public string? FilePath { get; }

    /// <inheritdoc />
    public override string? SourcePath => FilePath;

    /// <inheritdoc />
    public override string Reason => Message;

    /// <summary>The same error, tagged with the file it came from.</summary>
    /// <summary>The same error, naming the file it came from.</summary>
    public HiveFormatException WithFile(string path) => new(Error, FileOffset, Detail, path, InnerException);

    private static string Compose(HiveError error, long offset, string message) =>
        offset >= 0 ? $"{message} (at file offset 0x{offset:X}; {error})" : $"{message} ({error})";
}

namespace RdsCal.Registry.Policy;

/// <summary>A Registry.pol file is malformed; carries the byte offset of the problem.</summary>
public sealed class PolicyFormatException : RegistryFormatException
{
    /// <summary>Creates the exception.</summary>
    public PolicyFormatException(string reason, long offset, string? path = null)
        : base($"{(path is null ? string.Empty : path + ": ")}{reason} (at byte offset 0x{offset:X})")
    {
        Detail = reason;
        Offset = offset;
        FilePath = path;
    }

    /// <summary>Required by analyzers.</summary>
    public PolicyFormatException()
        : this("malformed Registry.pol file", 0)
    {
    }

    /// <summary>Required by analyzers.</summary>
    public PolicyFormatException(string message)
        : this(message, 0)
    {
    }

    /// <summary>Required by analyzers.</summary>
    public PolicyFormatException(string message, Exception inner)
        : base(message, inner)
    {
        Detail = message;
    }

    /// <summary>Byte offset of the problem.</summary>
    public long Offset { get; }

    /// <summary>The problem without its position.</summary>
    public string Detail { get; }

    /// <summary>The file, when known.</summary>
    public string? FilePath { get; }

    /// <inheritdoc />
    public override string? SourcePath => FilePath;

    /// <inheritdoc />
    public override string Reason => $"{Detail} (at byte offset 0x{Offset:X})";

    internal PolicyFormatException WithFile(string path) => new(Detail, Offset, path);
}

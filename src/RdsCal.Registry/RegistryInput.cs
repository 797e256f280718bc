using RdsCal.Registry.Hive;
using RdsCal.Registry.RegText;

namespace RdsCal.Registry;

/// <summary>What a registry input file is, judged by its content (never its extension).</summary>
public enum RegistryInputKind
{
    /// <summary>Not a format rdscal reads.</summary>
    Unknown,
    /// <summary>A regf hive file.</summary>
    Hive,
    /// <summary>A regedit .reg export.</summary>
    RegText,
    /// <summary>A Group Policy Registry.pol (PReg) file.</summary>
    PolicyFile,
}

/// <summary>Sniffs registry input files.</summary>
public static class RegistryInput
{
    /// <summary>Classifies a file by its first bytes.</summary>
    public static RegistryInputKind Detect(ReadOnlySpan<byte> head)
    {
        if (HiveFile.LooksLikeHive(head))
        {
            return RegistryInputKind.Hive;
        }
        if (head.Length >= 8 && head[..4].SequenceEqual("PReg"u8))
        {
            return RegistryInputKind.PolicyFile;
        }
        return RegTextReader.LooksLikeRegText(head) ? RegistryInputKind.RegText : RegistryInputKind.Unknown;
    }

    /// <summary>Classifies a file on disk by its first 512 bytes.</summary>
    public static RegistryInputKind Detect(string path)
    {
        Span<byte> head = stackalloc byte[512];
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        int n = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Detect(head[..n]);
    }
}

/// <summary>An input file is of no kind rdscal reads, or not the one expected.</summary>
public sealed class UnrecognizedInputException : RegistryFormatException
{
    /// <summary>Creates the exception.</summary>
    public UnrecognizedInputException(string path, string reason)
        : base($"{path}: {reason}")
    {
        SourcePath = path;
        Reason = reason;
    }

    /// <summary>Required by analyzers.</summary>
    public UnrecognizedInputException()
        : this(string.Empty, "unrecognised input")
    {
    }

    /// <summary>Required by analyzers.</summary>
    public UnrecognizedInputException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Required by analyzers.</summary>
    public UnrecognizedInputException(string message, Exception inner)
        : base(message, inner)
    {
        Reason = message;
    }

    /// <inheritdoc />
    public override string? SourcePath { get; }

    /// <inheritdoc />
    public override string Reason { get; }
}

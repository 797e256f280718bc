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
    /// <exception cref="UnrecognizedInputException">The path is not a regular file (a pipe, device or folder).</exception>
    public static RegistryInputKind Detect(string path)
    {
        Span<byte> head = stackalloc byte[512];
        using var fs = OpenRead(path);
        int n = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Detect(head[..n]);
    }

    /// <summary>
    /// Opens an input file for reading, through any symbolic link (the length to trust is the opened stream's).
    /// Only regular files are read: a named pipe would block until some writer appears and a device can be
    /// endless, so both are refused before they are opened.
    /// </summary>
    /// <exception cref="UnrecognizedInputException">The path is a pipe, device, socket or folder.</exception>
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    public static FileStream OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var kind = FileNode.KindOf(path);
        if (kind is not (FileNodeKind.Regular or FileNodeKind.Missing))
        {
            throw new UnrecognizedInputException(path, kind switch
            {
                FileNodeKind.Fifo => "is a named pipe (FIFO), not a file: rdscal reads only regular files",
                FileNodeKind.Directory => "is a folder, not a file",
                FileNodeKind.Socket => "is a socket, not a file: rdscal reads only regular files",
                _ => "is a device, not a file: rdscal reads only regular files",
            });
        }
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
    }

    /// <summary>Reads a whole input file by the rules of <see cref="OpenRead"/>.</summary>
    /// <exception cref="UnrecognizedInputException">The path is not a regular file, or is over 2 GiB.</exception>
    public static byte[] ReadAllBytes(string path)
    {
        using var fs = OpenRead(path);
        long length = fs.Length;
        if (length > Array.MaxLength)
        {
            throw new UnrecognizedInputException(path, $"is {length:N0} bytes; rdscal reads input files up to 2 GiB (the largest a hive can be)");
        }
        var bytes = new byte[length];
        fs.ReadExactly(bytes);
        return bytes;
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

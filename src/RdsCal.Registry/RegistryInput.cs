using System.Buffers.Binary;
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
        EnsureFileTarget(path);
        // Unbuffered: callers read a header or the whole file (or wrap the stream in a reader with its own
        // buffer), and a FileStream buffer is a 64 KiB allocation per open that nothing here needs.
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
    }

    /// <summary>
    /// Opens an input file by the rules of <see cref="OpenRead(string)"/> and refuses it when it is larger than its
    /// format can be, before anything is read (a .pol linked to a huge file would otherwise be read whole).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The most a file of this format can hold.</param>
    /// <param name="format">The format with its article, for the message ("a gpt.ini file").</param>
    /// <exception cref="UnrecognizedInputException">Not a regular file, or larger than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    public static FileStream OpenRead(string path, long maxBytes, string format)
    {
        var fs = OpenRead(path);
        if (fs.Length > maxBytes)
        {
            long length = fs.Length;
            fs.Dispose();
            throw new UnrecognizedInputException(path, $"is {length:N0} bytes, more than {format} can be ({maxBytes:N0} bytes at most)");
        }
        return fs;
    }

    /// <summary>
    /// Refuses a file rdscal is about to change, or to create files beside (its lock file, backups, a staged copy),
    /// unless it is a regular file or not there yet: a device, pipe or folder is never a target, and a lock file or
    /// backup folder must not appear inside /dev.
    /// </summary>
    /// <exception cref="UnrecognizedInputException">The path is a pipe, device, socket or folder.</exception>
    public static void EnsureFileTarget(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var kind = FileNode.KindOf(path);
        if (kind is not (FileNodeKind.Regular or FileNodeKind.Missing))
        {
            throw new UnrecognizedInputException(path, NotAFile(kind));
        }
    }

    private static string NotAFile(FileNodeKind kind) => kind switch
    {
        FileNodeKind.Fifo => "is a named pipe (FIFO), not a file: rdscal reads only regular files",
        FileNodeKind.Directory => "is a folder, not a file",
        FileNodeKind.Socket => "is a socket, not a file: rdscal reads only regular files",
        _ => "is a device, not a file: rdscal reads only regular files",
    };

    /// <summary>
    /// The most a gzipped input may expand to: 1 GiB, several times the largest SYSTEM or SOFTWARE hive seen in
    /// practice and half the 2 GiB a hive can address. A gzip bomb (3 MB growing to 3 GiB) stops here.
    /// </summary>
    public const long MaxDecompressedBytes = 1L << 30;

    /// <summary>
    /// Classifies an input file by content, looking inside gzip (backups and forensic copies are often gzipped):
    /// a gzipped input is decompressed into memory, up to <paramref name="maxDecompressed"/> bytes.
    /// </summary>
    /// <exception cref="UnrecognizedInputException">Not a regular file, damaged gzip data, or a decompression bomb.</exception>
    public static DetectedInput Examine(string path, long maxDecompressed = MaxDecompressedBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        Span<byte> head = stackalloc byte[512];
        using var fs = OpenRead(path);
        int n = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (n < 2 || head[0] != 0x1F || head[1] != 0x8B)
        {
            return new DetectedInput(path, Detect(head[..n]), null);
        }
        fs.Position = 0;
        byte[] bytes = Decompress(fs, path, maxDecompressed);
        return new DetectedInput(path, Detect(bytes.AsSpan(0, Math.Min(bytes.Length, 512))), bytes);
    }

    /// <summary>
    /// How far a gzipped hive may run past its base block and the hive bins it declares: the remnants after the last
    /// bin that <c>recover</c> reads. Anything longer is refused as a bomb, after reading little more than this.
    /// </summary>
    public const long HiveTrailingAllowance = 16L << 20;

    /// <summary>
    /// Decompresses into the buffer the content ends in, stopping as soon as the data passes what its format can
    /// hold: for a hive the base block plus the bins it declares plus <see cref="HiveTrailingAllowance"/>; for
    /// content of no format rdscal reads, its first block, which is all the caller needs to say so; for .reg and
    /// Registry.pol data, which declare no size, <paramref name="max"/>. A bomb is so refused after about its
    /// header's worth instead of after a gigabyte held two or three times over by a growing MemoryStream.
    /// </summary>
    private static byte[] Decompress(FileStream compressed, string path, long max)
    {
        try
        {
            using var gz = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true);
            byte[] head = new byte[BaseBlock.Size];
            int n = gz.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var kind = Detect(head.AsSpan(0, Math.Min(n, 512)));
            if (kind == RegistryInputKind.Unknown)
            {
                return head[..n];
            }
            long declared = kind == RegistryInputKind.Hive ? BaseBlock.Size + (long)BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(BaseBlock.DataSizeOffset)) : n;
            max = Math.Min(max, Array.MaxLength);
            long limit = kind switch
            {
                RegistryInputKind.Hive => Math.Min(max, declared + HiveTrailingAllowance),
                RegistryInputKind.PolicyFile => Math.Min(max, Policy.PolicyFileReader.MaxFileBytes),
                _ => max,
            };
            return ReadUpTo(gz, head, n, Math.Clamp(declared, n, limit), limit, path, max, kind);
        }
        catch (InvalidDataException e)
        {
            throw new UnrecognizedInputException(path, $"the gzip data is damaged ({e.Message})");
        }
    }

    private static string FormatName(RegistryInputKind kind) => kind switch
    {
        RegistryInputKind.Hive => "hive",
        RegistryInputKind.PolicyFile => "Registry.pol file",
        _ => ".reg file",
    };

    /// <summary>
    /// The rest of a decompressed stream, the first <paramref name="expected"/> bytes straight into the final array
    /// (a hive's declared size: the usual case needs no copy), anything after it in 1 MiB pieces up to
    /// <paramref name="limit"/>, joined once at the end.
    /// </summary>
    private static byte[] ReadUpTo(Stream gz, byte[] head, int n, long expected, long limit, string path, long max, RegistryInputKind kind)
    {
        byte[] first = new byte[expected];
        head.AsSpan(0, n).CopyTo(first);
        int used = n + gz.ReadAtLeast(first.AsSpan(n), first.Length - n, throwOnEndOfStream: false);
        if (used < first.Length)
        {
            return first[..used];
        }
        var rest = new List<byte[]>();
        long total = used;
        while (true)
        {
            byte[] piece = new byte[1 << 20];
            int m = gz.ReadAtLeast(piece, piece.Length, throwOnEndOfStream: false);
            if (m == 0)
            {
                break;
            }
            total += m;
            if (total > limit)
            {
                throw new UnrecognizedInputException(path, kind == RegistryInputKind.Hive && limit < max
                    ? $"the gzip data runs on more than {HiveTrailingAllowance:N0} bytes past the {expected:N0} bytes its hive header declares: refused as a decompression bomb"
                    : $"the gzip data expands past {limit:N0} bytes, more than any real {FormatName(kind)}: refused as a decompression bomb");
            }
            rest.Add(m == piece.Length ? piece : piece[..m]);
        }
        if (rest.Count == 0)
        {
            return first;
        }
        byte[] all = new byte[total];
        first.CopyTo(all, 0);
        long at = first.Length;
        foreach (byte[] piece in rest)
        {
            piece.CopyTo(all.AsSpan((int)at));
            at += piece.Length;
        }
        return all;
    }

    /// <summary>Reads a whole input file by the rules of <see cref="OpenRead(string)"/>.</summary>
    /// <exception cref="UnrecognizedInputException">The path is not a regular file, or is over 2 GiB.</exception>
    public static byte[] ReadAllBytes(string path) => ReadAllBytes(path, Array.MaxLength, "an input file (2 GiB, the largest a hive can be)");

    /// <summary>Reads a whole input file by the rules of <see cref="OpenRead(string, long, string)"/>.</summary>
    /// <exception cref="UnrecognizedInputException">The path is not a regular file, or is larger than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes, string format)
    {
        using var fs = OpenRead(path, Math.Min(maxBytes, Array.MaxLength), format);
        var bytes = new byte[fs.Length];
        fs.ReadExactly(bytes);
        return bytes;
    }
}

/// <summary>An input file judged by its content.</summary>
/// <param name="Path">The file.</param>
/// <param name="Kind">What it holds (inside gzip when it was gzipped).</param>
/// <param name="Decompressed">The decompressed content of a gzipped file, or null when the file is read as it is.</param>
public sealed record DetectedInput(string Path, RegistryInputKind Kind, byte[]? Decompressed);

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

    /// <summary>Creates the exception for a file of a kind rdscal reads elsewhere (say, a Registry.pol given as a hive).</summary>
    public UnrecognizedInputException(string path, string reason, RegistryInputKind found)
        : this(path, reason)
    {
        Found = found;
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

    /// <summary>What the file is when it is a kind rdscal reads in another role, else <see cref="RegistryInputKind.Unknown"/>.</summary>
    public RegistryInputKind Found { get; }
}

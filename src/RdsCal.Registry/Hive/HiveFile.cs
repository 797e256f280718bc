namespace RdsCal.Registry.Hive;

/// <summary>
/// A registry hive file (regf) opened for reading. A clean hive is memory-mapped and read lazily; a
/// dirty one is read into memory and recovered from its transaction logs there, never on disk.
/// </summary>
public sealed class HiveFile : IDisposable
{
    private readonly MappedFileMemory? _mapping;
    private readonly List<HiveDiagnostic> _diagnostics;
    private readonly HashSet<HiveDiagnostic> _reported;
    private readonly Lock _diagnosticsLock = new();

    private HiveFile(ReadOnlyMemory<byte> bytes, MappedFileMemory? mapping, BaseBlock header, string? path,
        HiveOpenOptions options, List<HiveDiagnostic> diagnostics, bool wasDirty, bool recovered)
    {
        _mapping = mapping;
        _diagnostics = diagnostics;
        _reported = [.. diagnostics];
        Bytes = bytes;
        Path = path;
        Options = options;
        WasDirty = wasDirty;
        WasRecovered = recovered;
        Validate(header);
        Image = new HiveImage(bytes, header, path);
        var nk = Cells.KeyNodeCell.Read(Image, header.RootCell, out _);
        Root = new HiveKey(this, header.RootCell, nk, depth: 0, isRoot: true);
    }

    /// <summary>The file this hive was opened from, or null when loaded from memory.</summary>
    public string? Path { get; }

    /// <summary>The base block in effect (after recovery, the recovered one).</summary>
    public BaseBlock Header => Image.Header;

    /// <summary>Format version as Windows writes it, for example <c>1.5</c>.</summary>
    public string Version => $"{Header.Major}.{Header.Minor}";

    /// <summary>The root key.</summary>
    public HiveKey Root { get; }

    /// <summary>True when the file on disk was dirty (its logs hold newer data than the primary).</summary>
    public bool WasDirty { get; }

    /// <summary>True when transaction logs were replayed in memory.</summary>
    public bool WasRecovered { get; }

    /// <summary>The hive image in effect: the file, or the recovered bytes.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>
    /// Warnings about what was read (dirty state, rejected logs, skipped keys), each once however often the key
    /// it concerns is read. Walk warnings accumulate as keys are read.
    /// </summary>
    public IReadOnlyList<HiveDiagnostic> Diagnostics
    {
        get
        {
            lock (_diagnosticsLock)
            {
                return [.. _diagnostics];
            }
        }
    }

    internal HiveImage Image { get; }

    internal HiveOpenOptions Options { get; }

    /// <summary>
    /// Opens a hive file. Transaction logs are looked for beside it (NAME.LOG, NAME.LOG1, NAME.LOG2 in any
    /// letter case) unless <see cref="HiveOpenOptions.LogPaths"/> names them.
    /// </summary>
    /// <exception cref="HiveFormatException">The file is not a readable hive.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static HiveFile Open(string path, HiveOpenOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= HiveOpenOptions.Default;
        try
        {
            // Opened once, through any symbolic link: the length is the opened file's, not the link's.
            var fs = RegistryInput.OpenRead(path);
            MappedFileMemory? mapping = null;
            try
            {
                long length = fs.Length;
                if (length > int.MaxValue)
                {
                    throw new HiveFormatException(HiveError.Unreadable, -1, $"file is {length:N0} bytes; hives over 2 GiB are not supported");
                }
                Span<byte> head = stackalloc byte[BaseBlock.Size];
                int read = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
                var header = CheckHead(head[..read]);
                var logPaths = header.IsDirty && options.ApplyLogs ? options.LogPaths ?? TransactionLogFiles.FindBeside(path) : [];
                if (!header.IsDirty || !options.ApplyLogs || logPaths.Count == 0)
                {
                    // Mapped, not read: only a recovery needs a private copy to replay logs into.
                    mapping = new MappedFileMemory(fs, length);
                    var diagnostics = new List<HiveDiagnostic>();
                    if (header.IsDirty)
                    {
                        diagnostics.Add(DirtyWarning(header, options.ApplyLogs ? NoLogsFound : "log replay was turned off"));
                    }
                    return new HiveFile(mapping.Memory, mapping, header, path, options, diagnostics, header.IsDirty, false);
                }
                byte[] bytes = new byte[length];
                fs.Position = 0;
                fs.ReadExactly(bytes);
                fs.Dispose();
                var logs = logPaths.Select(p => new TransactionLogSource(p, RegistryInput.ReadAllBytes(p))).ToList();
                return FromDirty(bytes, header, logs, path, options);
            }
            catch
            {
                if (mapping is not null)
                {
                    ((IDisposable)mapping).Dispose();
                }
                fs.Dispose();
                throw;
            }
        }
        catch (HiveFormatException e) when (e.FilePath is null)
        {
            throw e.WithFile(path);
        }
    }

    /// <summary>Reads a hive from bytes (for example a decompressed copy), recovering it from the given logs when dirty.</summary>
    /// <exception cref="HiveFormatException">The bytes are not a readable hive.</exception>
    public static HiveFile Load(byte[] bytes, IReadOnlyList<TransactionLogSource>? logs = null, HiveOpenOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        options ??= HiveOpenOptions.Default;
        var header = CheckHead(bytes.AsSpan(0, Math.Min(bytes.Length, BaseBlock.Size)));
        if (!header.IsDirty || !options.ApplyLogs)
        {
            var diagnostics = new List<HiveDiagnostic>();
            if (header.IsDirty)
            {
                diagnostics.Add(DirtyWarning(header, "log replay was turned off"));
            }
            return new HiveFile(bytes, null, header, null, options, diagnostics, header.IsDirty, false);
        }
        return FromDirty(bytes, header, logs ?? [], null, options);
    }

    /// <summary>Looks at the first bytes of a file: true when they start like a primary hive.</summary>
    public static bool LooksLikeHive(ReadOnlySpan<byte> head) => BaseBlock.HasSignature(head);

    /// <summary>Releases the memory map.</summary>
    public void Dispose() => ((IDisposable?)_mapping)?.Dispose();

    internal void Report(HiveDiagnostic diagnostic)
    {
        lock (_diagnosticsLock)
        {
            // A key is read again each time it is looked up or listed; what it reports is the same each time.
            if (_diagnostics.Count < 1000 && _reported.Add(diagnostic))
            {
                _diagnostics.Add(diagnostic);
            }
        }
    }

    private static HiveFile FromDirty(byte[] bytes, BaseBlock header, IReadOnlyList<TransactionLogSource> logs, string? path, HiveOpenOptions options)
    {
        var diagnostics = new List<HiveDiagnostic>();
        var recovery = TransactionLogRecovery.Recover(bytes, header, logs, diagnostics);
        if (recovery is { } r)
        {
            return new HiveFile(r.Bytes, null, BaseBlock.Parse(r.Bytes), path, options, diagnostics, true, true);
        }
        diagnostics.Add(DirtyWarning(header, logs.Count == 0 ? NoLogsFound : "no transaction log could be applied"));
        return new HiveFile(bytes, null, header, path, options, diagnostics, true, false);
    }

    private const string NoLogsFound = "no transaction logs were found";

    private static HiveDiagnostic DirtyWarning(BaseBlock header, string why) => new(HiveDiagnosticCode.DirtyWithoutLogs, 0,
        $"hive is dirty (sequence numbers {header.PrimarySequence}/{header.SecondarySequence}{(header.ChecksumValid ? string.Empty : ", bad checksum")}) and {why}: data may be stale");

    private static BaseBlock CheckHead(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4 || !BaseBlock.HasSignature(head))
        {
            throw new HiveFormatException(HiveError.BadSignature, 0,
                $"not a registry hive: the file starts with '{HiveImage.Printable(head[..Math.Min(4, head.Length)])}', not 'regf'");
        }
        if (head.Length < BaseBlock.Size)
        {
            throw new HiveFormatException(HiveError.FileTooShort, head.Length,
                $"file is {head.Length} bytes, shorter than a 4096-byte base block");
        }
        var header = BaseBlock.Parse(head);
        if (header.FileType is 1 or 2 or 6)
        {
            throw new HiveFormatException(HiveError.IsTransactionLog, BaseBlock.FileTypeOffset,
                $"this is a transaction log (file type {header.FileType}), not a primary hive; open the hive it belongs to");
        }
        return header;
    }

    private static void Validate(BaseBlock h)
    {
        if (h.Major != 1 || h.Minor is < 3 or > 6)
        {
            throw new HiveFormatException(HiveError.UnsupportedVersion, BaseBlock.MajorOffset,
                $"hive version {h.Major}.{h.Minor} is not supported (1.3 to 1.6 are)");
        }
        if (h.FileType != 0)
        {
            throw new HiveFormatException(HiveError.UnsupportedFormat, BaseBlock.FileTypeOffset, $"file type {h.FileType} is not a primary hive");
        }
        if (h.FileFormat != 1)
        {
            throw new HiveFormatException(HiveError.UnsupportedFormat, BaseBlock.FileFormatOffset, $"file format {h.FileFormat} is not 1 (direct memory load)");
        }
    }
}

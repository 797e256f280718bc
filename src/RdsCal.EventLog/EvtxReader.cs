using System.Buffers.Binary;
using System.IO.Compression;
using RdsCal.EventLog.BinXml;

namespace RdsCal.EventLog;

/// <summary>
/// Reads an .evtx file forward, one record at a time, holding one 64 KiB chunk in memory whatever the file's size.
/// Like Windows' own readers it reads every chunk to the end of the file, not only those the (possibly stale)
/// header counts; a chunk or record it cannot read is skipped with an <see cref="EvtxWarning"/>, and only a file
/// that is not an event log at all throws.
/// </summary>
/// <example>
/// <code>
/// using var reader = EvtxReader.Open("System.evtx");
/// while (reader.ReadNext() is { } record)
/// {
///     Console.WriteLine($"{record.TimeCreated:O} {record.ProviderName} {record.EventId}");
/// }
/// </code>
/// </example>
public sealed class EvtxReader : IDisposable
{
    /// <summary>The size of a chunk.</summary>
    public const int ChunkSize = 65536;

    private const int ChunkHeaderSize = 512;
    private const int RecordHeaderSize = 24;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly EvtxReaderOptions _options;
    private readonly List<EvtxWarning> _warnings = [];
    private readonly byte[] _chunk = new byte[ChunkSize];
    private ChunkDecoder? _decoder;
    private long _chunkOffset;
    private long _nextChunkOffset = EvtxFileHeader.Size;
    private int _pos;
    private int _limit;
    private bool _ended;

    /// <summary>Starts reading an .evtx stream (already decompressed) and reads its file header.</summary>
    /// <param name="stream">The stream, positioned at the start of the file; it need not be seekable.</param>
    /// <param name="options">Limits; <see cref="EvtxReaderOptions.Default"/> when null.</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves the stream open.</param>
    /// <param name="sourcePath">The file's name, for messages.</param>
    /// <exception cref="EvtxFormatException">The stream does not start with an .evtx file header.</exception>
    public EvtxReader(Stream stream, EvtxReaderOptions? options = null, bool leaveOpen = false, string? sourcePath = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _options = options ?? EvtxReaderOptions.Default;
        SourcePath = sourcePath;
        byte[] header = new byte[EvtxFileHeader.Size];
        int n = _stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (n < 128)
        {
            throw new EvtxFormatException($"the file is {n} bytes long, shorter than an .evtx file header (128 bytes)", 0, sourcePath);
        }
        Header = EvtxFileHeader.Parse(header, sourcePath);
        if (!Header.ChecksumValid)
        {
            Warn(EvtxWarningKind.FileHeaderChecksum, 0, "the file header's CRC32 does not match; the chunks are read anyway");
        }
        _ended = n < header.Length;
    }

    /// <summary>
    /// Opens an .evtx file, or a gzipped one (found by its content), which is decompressed as it is read and never
    /// held whole in memory.
    /// </summary>
    /// <exception cref="EvtxFormatException">The file is not an event log, or its gzip data is damaged or a bomb.</exception>
    public static EvtxReader Open(string path, EvtxReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= EvtxReaderOptions.Default;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            Stream stream = n == 2 && magic[0] == 0x1F && magic[1] == 0x8B
                ? new BoundedReadStream(new GZipStream(file, CompressionMode.Decompress), options.MaxDecompressedBytes, path)
                : file;
            return new EvtxReader(stream, options, leaveOpen: false, sourcePath: path);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The file header.</summary>
    public EvtxFileHeader Header { get; }

    /// <summary>The file being read, when known.</summary>
    public string? SourcePath { get; }

    /// <summary>What was skipped or doubted so far (at most <see cref="EvtxReaderOptions.MaxWarnings"/> of them).</summary>
    public IReadOnlyList<EvtxWarning> Warnings => _warnings;

    /// <summary>Every warning so far, including those past <see cref="EvtxReaderOptions.MaxWarnings"/>.</summary>
    public int WarningCount { get; private set; }

    /// <summary>The chunks read so far (empty and skipped chunks not counted).</summary>
    public int ChunksRead { get; private set; }

    /// <summary>The records returned so far.</summary>
    public long RecordsRead { get; private set; }

    /// <summary>The next record, or null at the end of the file.</summary>
    /// <exception cref="EvtxFormatException">The gzip data is damaged or expands past its limit.</exception>
    public EventRecord? ReadNext()
    {
        while (true)
        {
            if (_decoder is null && !LoadNextChunk())
            {
                return null;
            }
            while (_pos < _limit)
            {
                if (ReadRecord() is { } record)
                {
                    RecordsRead++;
                    return record;
                }
            }
            _decoder = null;
        }
    }

    /// <summary>The remaining records, read one at a time as the sequence is enumerated.</summary>
    public IEnumerable<EventRecord> ReadAll()
    {
        while (ReadNext() is { } record)
        {
            yield return record;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private bool LoadNextChunk()
    {
        while (!_ended)
        {
            long offset = _nextChunkOffset;
            int n = _stream.ReadAtLeast(_chunk, ChunkSize, throwOnEndOfStream: false);
            _nextChunkOffset += n;
            if (n < ChunkSize)
            {
                _ended = true;
                if (n > 0 && _chunk.AsSpan(0, n).ContainsAnyExcept((byte)0))
                {
                    Warn(EvtxWarningKind.TruncatedChunk, offset, $"the file ends {n:N0} bytes into the chunk at 0x{offset:X}; the partial chunk is not read");
                }
                return false;
            }
            if (StartChunk(offset))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Checks a chunk's header and sets up reading its records; false when the chunk is skipped.</summary>
    private bool StartChunk(long offset)
    {
        ReadOnlySpan<byte> c = _chunk;
        if (!c[..8].SequenceEqual("ElfChnk\0"u8))
        {
            // Chunks past the last one written are all zeroes: not a problem, nothing to say.
            if (c.ContainsAnyExcept((byte)0))
            {
                Warn(EvtxWarningKind.BadChunk, offset, $"the chunk at 0x{offset:X} has no 'ElfChnk' signature; skipped");
            }
            return false;
        }
        uint headerCrc = Crc32.Append(Crc32.Compute(c[..120]), c[128..ChunkHeaderSize]);
        if (headerCrc != BinaryPrimitives.ReadUInt32LittleEndian(c[124..]))
        {
            Warn(EvtxWarningKind.ChunkHeaderChecksum, offset, $"the chunk header at 0x{offset:X} fails its CRC32; its records are read, each checked on its own");
        }
        uint free = BinaryPrimitives.ReadUInt32LittleEndian(c[48..]);
        if (free is < ChunkHeaderSize or > ChunkSize)
        {
            free = ChunkSize;
        }
        else if (Crc32.Compute(c[ChunkHeaderSize..(int)free]) != BinaryPrimitives.ReadUInt32LittleEndian(c[52..]))
        {
            Warn(EvtxWarningKind.RecordsChecksum, offset, $"the records of the chunk at 0x{offset:X} fail their CRC32; each record is checked on its own");
        }
        _chunkOffset = offset;
        _pos = ChunkHeaderSize;
        _limit = (int)free;
        _decoder = new ChunkDecoder(_chunk, offset, _options);
        ChunksRead++;
        return true;
    }

    /// <summary>Reads the record at the current position and moves past it; null when it was skipped.</summary>
    private EventRecord? ReadRecord()
    {
        ReadOnlySpan<byte> c = _chunk;
        int at = _pos;
        long fileOffset = _chunkOffset + at;
        if (_limit - at < RecordHeaderSize + 4 || !c.Slice(at, 4).SequenceEqual("**\0\0"u8))
        {
            if (c[at.._limit].ContainsAnyExcept((byte)0))
            {
                Warn(EvtxWarningKind.BadRecord, fileOffset, $"no record signature at 0x{fileOffset:X}; the rest of the chunk is skipped");
            }
            _pos = _limit;
            return null;
        }
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(c[(at + 4)..]);
        if (size < RecordHeaderSize + 4 || size > _limit - at)
        {
            Warn(EvtxWarningKind.BadRecord, fileOffset, $"the record at 0x{fileOffset:X} claims {size:N0} bytes, which does not fit in its chunk; the rest of the chunk is skipped");
            _pos = _limit;
            return null;
        }
        _pos = at + (int)size;
        ulong id = BinaryPrimitives.ReadUInt64LittleEndian(c[(at + 8)..]);
        if (BinaryPrimitives.ReadUInt32LittleEndian(c[(at + (int)size - 4)..]) != size)
        {
            Warn(EvtxWarningKind.BadRecord, fileOffset, $"record {id} at 0x{fileOffset:X} does not end with a copy of its size (damaged or half written); skipped");
            return null;
        }
        try
        {
            IReadOnlyList<EvtxNode> nodes = _decoder!.DecodeRecord(at + RecordHeaderSize, at + (int)size - 4);
            if (nodes.OfType<EvtxElement>().FirstOrDefault() is not { } root)
            {
                Warn(EvtxWarningKind.BadRecord, fileOffset, $"record {id} at 0x{fileOffset:X} holds no XML element; skipped");
                return null;
            }
            object written = ValueDecoder.FileTime(BinaryPrimitives.ReadInt64LittleEndian(c[(at + 16)..]));
            return new EventRecord(id, written is DateTime t ? t : default, fileOffset, root);
        }
        catch (EvtxFormatException e)
        {
            Warn(EvtxWarningKind.BadRecord, fileOffset, $"record {id} at 0x{fileOffset:X} cannot be decoded: {e.Reason} (at 0x{e.FileOffset:X}); skipped");
            return null;
        }
    }

    private void Warn(EvtxWarningKind kind, long offset, string message)
    {
        WarningCount++;
        if (_warnings.Count < _options.MaxWarnings)
        {
            _warnings.Add(new EvtxWarning(kind, offset, message));
        }
    }
}

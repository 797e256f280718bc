using System.Buffers.Binary;

namespace RdsCal.Registry.Hive;

/// <summary>
/// One entry (<c>HvLE</c>) of a new-format transaction log (Windows 8.1 and later): a 40-byte header, then
/// <see cref="PageCount"/> page references (offset and size in the hive bins data), then the pages' bytes.
/// Hash1 covers everything after the header, Hash2 the header's first 32 bytes (both Marvin32).
/// </summary>
internal readonly ref struct TransactionLogEntry
{
    internal const int HeaderSize = 40;
    internal const int SectorSize = 512;
    private const int SizeOffset = 4;
    private const int FlagsOffset = 8;
    private const int SequenceOffset = 12;
    private const int DataSizeOffset = 16;
    private const int PageCountOffset = 20;
    private const int Hash1Offset = 24;
    private const int Hash2Offset = 32;
    private const int PageReferenceSize = 8;

    private readonly ReadOnlySpan<byte> _entry;

    private TransactionLogEntry(ReadOnlySpan<byte> entry)
    {
        _entry = entry;
    }

    /// <summary>The entry's size in bytes, header included (a multiple of 512).</summary>
    public int Size => _entry.Length;

    public uint Flags => BinaryPrimitives.ReadUInt32LittleEndian(_entry[FlagsOffset..]);

    public uint Sequence => BinaryPrimitives.ReadUInt32LittleEndian(_entry[SequenceOffset..]);

    /// <summary>The hive bins data size after this entry is applied.</summary>
    public uint HiveBinsDataSize => BinaryPrimitives.ReadUInt32LittleEndian(_entry[DataSizeOffset..]);

    public int PageCount => (int)BinaryPrimitives.ReadUInt32LittleEndian(_entry[PageCountOffset..]);

    public ulong Hash1 => BinaryPrimitives.ReadUInt64LittleEndian(_entry[Hash1Offset..]);

    public ulong Hash2 => BinaryPrimitives.ReadUInt64LittleEndian(_entry[Hash2Offset..]);

    /// <summary>What Hash2 covers: the header up to the hashes' end.</summary>
    public ReadOnlySpan<byte> HashedHeader => _entry[..Hash2Offset];

    /// <summary>What Hash1 covers: the page references and the pages.</summary>
    public ReadOnlySpan<byte> Body => _entry[HeaderSize..];

    /// <summary>Page reference <paramref name="i"/>: where in the hive bins data its bytes go, and how many.</summary>
    public (uint Offset, uint Size) Page(int i)
    {
        var r = _entry[(HeaderSize + (i * PageReferenceSize))..];
        return (BinaryPrimitives.ReadUInt32LittleEndian(r), BinaryPrimitives.ReadUInt32LittleEndian(r[4..]));
    }

    /// <summary>Where the first page's bytes start in the entry.</summary>
    public int PagesStart => HeaderSize + (PageCount * PageReferenceSize);

    /// <summary>The entry's bytes from <paramref name="start"/> on, <paramref name="length"/> of them.</summary>
    public ReadOnlySpan<byte> Slice(int start, int length) => _entry.Slice(start, length);

    /// <summary>The entry at <paramref name="position"/> in a log file, checked; false when no whole entry starts there.</summary>
    public static bool TryParse(ReadOnlySpan<byte> log, int position, out TransactionLogEntry entry) =>
        Check(log, position, out entry) is null;

    /// <summary>The entry at <paramref name="position"/> in a log file, checked.</summary>
    /// <exception cref="HiveFormatException">No whole entry starts there (<see cref="HiveError.BadLog"/>).</exception>
    public static TransactionLogEntry Parse(ReadOnlySpan<byte> log, int position, string? path = null)
    {
        string? problem = Check(log, position, out var entry);
        return problem is null ? entry : throw new HiveFormatException(HiveError.BadLog, position, problem, path);
    }

    private static string? Check(ReadOnlySpan<byte> log, int position, out TransactionLogEntry entry)
    {
        entry = default;
        if (position < 0 || position > log.Length - HeaderSize || !log.Slice(position, 4).SequenceEqual("HvLE"u8))
        {
            return $"no log entry ('HvLE' and a {HeaderSize}-byte header) at offset 0x{position:X}";
        }
        var h = log[position..];
        uint size = BinaryPrimitives.ReadUInt32LittleEndian(h[SizeOffset..]);
        if (size < HeaderSize || size % SectorSize != 0 || size > h.Length)
        {
            return $"log entry at offset 0x{position:X} has size 0x{size:X}: not a multiple of {SectorSize} that fits in the {log.Length:N0}-byte log";
        }
        uint pages = BinaryPrimitives.ReadUInt32LittleEndian(h[PageCountOffset..]);
        if ((long)pages * PageReferenceSize > size - HeaderSize)
        {
            return $"log entry at offset 0x{position:X} claims {pages} page references, more than its {size} bytes hold";
        }
        entry = new TransactionLogEntry(h[..(int)size]);
        return null;
    }
}

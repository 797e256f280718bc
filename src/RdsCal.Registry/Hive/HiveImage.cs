using System.Buffers.Binary;

namespace RdsCal.Registry.Hive;

/// <summary>
/// The bytes of a hive with its bins indexed, and the one gate through which every cell reference
/// passes: a reference is followed only after it is shown to be aligned, inside a bin's cell area,
/// and its cell's size fits that bin.
/// </summary>
internal sealed class HiveImage
{
    internal const int BinHeaderSize = HiveBinHeader.Length;
    private readonly ReadOnlyMemory<byte> _file;
    private readonly int _dataSize;
    private readonly int[] _binStarts;
    private readonly int[] _binEnds;

    public HiveImage(ReadOnlyMemory<byte> file, BaseBlock header, string? path = null)
    {
        _file = file;
        Path = path;
        Header = header;
        if (header.DataSize % 4096 != 0 || header.DataSize == 0 || header.DataSize > int.MaxValue - BaseBlock.Size)
        {
            throw new HiveFormatException(HiveError.BadDataSize, BaseBlock.DataSizeOffset,
                $"hive bins data size 0x{header.DataSize:X} is not a positive multiple of 4096");
        }
        _dataSize = (int)header.DataSize;
        if (file.Length < BaseBlock.Size + (long)_dataSize)
        {
            throw new HiveFormatException(HiveError.Truncated, file.Length,
                $"file is truncated: the base block promises {_dataSize:N0} bytes of hive bins but only {Math.Max(0, file.Length - BaseBlock.Size):N0} follow it");
        }
        (_binStarts, _binEnds) = IndexBins(Data, _dataSize);
    }

    public BaseBlock Header { get; }

    /// <summary>The file the image came from, named in every error.</summary>
    public string? Path { get; }

    public int DataSize => _dataSize;

    public int BinCount => _binStarts.Length;

    /// <summary>The hive bins data (file offset 4096 onward, as long as the header says).</summary>
    public ReadOnlySpan<byte> Data => _file.Span.Slice(BaseBlock.Size, _dataSize);

    public static long FileOffsetOf(long cellOffset) => cellOffset + BaseBlock.Size;

    public (int Start, int End) BinAt(int index) => (_binStarts[index], _binEnds[index]);

    /// <summary>
    /// The data of the cell at <paramref name="offset"/> (after its 4-byte size), its whole
    /// capacity, which may exceed the record it holds.
    /// </summary>
    public ReadOnlySpan<byte> Cell(uint offset) => Cell(offset, out _);

    public ReadOnlySpan<byte> Cell(uint offset, out bool allocated)
    {
        if (offset >= (uint)_dataSize || (offset & 7) != 0)
        {
            throw Bad(HiveError.BadCellOffset, offset, $"cell reference 0x{offset:X} is outside the hive bins data or not 8-aligned");
        }
        int o = (int)offset;
        int bin = FindBin(o);
        int binStart = _binStarts[bin];
        int binEnd = _binEnds[bin];
        if (o < binStart + BinHeaderSize || o + 4 > binEnd)
        {
            throw Bad(HiveError.BadCellOffset, offset, $"cell reference 0x{offset:X} points into the header of the bin at 0x{binStart:X}");
        }
        var data = Data;
        int raw = BinaryPrimitives.ReadInt32LittleEndian(data[o..]);
        allocated = raw < 0;
        long size = Math.Abs((long)raw);
        if (size < 8 || (size & 7) != 0 || o + size > binEnd)
        {
            throw Bad(HiveError.BadCellSize, offset,
                $"cell at 0x{offset:X} has size 0x{size:X}, which is not a multiple of 8 of at least 8 that fits its bin ending at 0x{binEnd:X}");
        }
        return data.Slice(o + 4, (int)size - 4);
    }

    /// <summary>A cell that must hold a record with the given two-letter signature and at least <paramref name="minLength"/> bytes.</summary>
    public ReadOnlySpan<byte> Record(uint offset, ReadOnlySpan<byte> signature, int minLength, string what)
    {
        var cell = Cell(offset);
        RequireRecord(cell, offset, signature, minLength, what, Path);
        return cell;
    }

    /// <summary>Checks that a cell's data holds a record with the given signature and at least <paramref name="minLength"/> bytes.</summary>
    /// <exception cref="HiveFormatException">It does not (<see cref="HiveError.BadRecord"/>).</exception>
    public static void RequireRecord(ReadOnlySpan<byte> cell, uint offset, ReadOnlySpan<byte> signature, int minLength, string what, string? path)
    {
        if (cell.Length < Math.Max(minLength, 2) || !cell[..2].SequenceEqual(signature))
        {
            throw new HiveFormatException(HiveError.BadRecord, FileOffsetOf(offset),
                $"cell at 0x{offset:X} should hold {what} ('{System.Text.Encoding.ASCII.GetString(signature)}', {minLength}+ bytes) but starts with '{Printable(cell[..Math.Min(2, cell.Length)])}' in {cell.Length} bytes", path);
        }
    }

    public HiveFormatException Bad(HiveError error, uint cellOffset, string message) =>
        new(error, FileOffsetOf(cellOffset), message, Path);

    internal static string Printable(ReadOnlySpan<byte> b)
    {
        var chars = new char[b.Length];
        for (int i = 0; i < b.Length; i++)
        {
            chars[i] = b[i] is >= 0x20 and < 0x7F ? (char)b[i] : '.';
        }
        return new string(chars);
    }

    /// <summary>The start and end (data offsets) of the bin holding <paramref name="offset"/>.</summary>
    public (int Start, int End) BinOf(int offset)
    {
        int i = FindBin(offset);
        return (_binStarts[i], _binEnds[i]);
    }

    private int FindBin(int offset)
    {
        int i = Array.BinarySearch(_binStarts, offset);
        return i >= 0 ? i : ~i - 1;
    }

    private static (int[] Starts, int[] Ends) IndexBins(ReadOnlySpan<byte> data, int dataSize)
    {
        var starts = new List<int>(dataSize / 4096);
        var ends = new List<int>(dataSize / 4096);
        int pos = 0;
        while (pos < dataSize)
        {
            var bin = HiveBinHeader.Parse(data[..dataSize], pos, starts.Count);
            starts.Add(pos);
            ends.Add(pos + (int)bin.Size);
            pos += (int)bin.Size;
        }
        return (starts.ToArray(), ends.ToArray());
    }
}

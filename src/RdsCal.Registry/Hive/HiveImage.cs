using System.Buffers.Binary;

namespace RdsCal.Registry.Hive;

/// <summary>
/// The bytes of a hive with its bins indexed, and the one gate through which every cell reference
/// passes: a reference is followed only after it is shown to be aligned, inside a bin's cell area,
/// and its cell's size fits that bin.
/// </summary>
internal sealed class HiveImage
{
    internal const int BinHeaderSize = 32;
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
        if (cell.Length < minLength || !cell[..2].SequenceEqual(signature))
        {
            throw Bad(HiveError.BadRecord, offset,
                $"cell at 0x{offset:X} should hold {what} ('{System.Text.Encoding.ASCII.GetString(signature)}', {minLength}+ bytes) but starts with '{Printable(cell[..Math.Min(2, cell.Length)])}' in {cell.Length} bytes");
        }
        return cell;
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
            long fileOffset = FileOffsetOf(pos);
            if (dataSize - pos < BinHeaderSize || !data.Slice(pos, 4).SequenceEqual("hbin"u8))
            {
                throw new HiveFormatException(HiveError.BadBin, fileOffset,
                    $"expected a hive bin ('hbin') at data offset 0x{pos:X}, found '{Printable(data.Slice(pos, Math.Min(4, dataSize - pos)))}'; the bin chain is broken after {starts.Count} bins");
            }
            uint declared = BinaryPrimitives.ReadUInt32LittleEndian(data[(pos + 4)..]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(data[(pos + 8)..]);
            if (declared != pos)
            {
                throw new HiveFormatException(HiveError.BadBin, fileOffset + 4,
                    $"hive bin at data offset 0x{pos:X} says it is at 0x{declared:X}");
            }
            if (size < 4096 || size % 4096 != 0 || size > (uint)(dataSize - pos))
            {
                throw new HiveFormatException(HiveError.BadBin, fileOffset + 8,
                    $"hive bin at data offset 0x{pos:X} has size 0x{size:X}: not a multiple of 4096 that fits in the hive bins data (0x{dataSize:X})");
            }
            starts.Add(pos);
            ends.Add(pos + (int)size);
            pos += (int)size;
        }
        return (starts.ToArray(), ends.ToArray());
    }
}

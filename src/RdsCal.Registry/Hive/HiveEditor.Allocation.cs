using System.Buffers.Binary;

namespace RdsCal.Registry.Hive;

public sealed partial class HiveEditor
{
    /// <summary>
    /// Walks every cell once: cells must fill each bin exactly (a hive that fails this is damaged and is not
    /// written to), and the free ones become the allocator's free list.
    /// </summary>
    private void IndexFreeCells()
    {
        _free.Clear();
        for (int b = 0; b < _image.BinCount; b++)
        {
            var (start, end) = _image.BinAt(b);
            int pos = start + HiveImage.BinHeaderSize;
            while (pos < end)
            {
                int raw = BinaryPrimitives.ReadInt32LittleEndian(_buf.AsSpan(Data + pos));
                long size = Math.Abs((long)raw);
                if (size < 8 || size % 8 != 0 || pos + size > end)
                {
                    throw new HiveFormatException(HiveError.BadCellSize, HiveImage.FileOffsetOf(pos),
                        $"cell at 0x{pos:X} has size 0x{size:X}, so the cells of the bin at 0x{start:X} do not fill it exactly; rdscal will not write to a damaged hive", _sourcePath);
                }
                if (raw > 0)
                {
                    _free.Add(((int)size, (uint)pos));
                }
                pos += (int)size;
            }
        }
    }

    /// <summary>A new allocated cell with at least <paramref name="payload"/> bytes of (zeroed) data; best fit, else a new bin.</summary>
    private uint Allocate(int payload)
    {
        int need = (payload + 4 + 7) & ~7;
        // The view's Min is O(log n); its Count would walk every free cell that fits (O(n) per allocation).
        var best = _free.GetViewBetween((need, 0), (int.MaxValue, uint.MaxValue)).Min;
        uint offset;
        int size;
        if (best.Size >= need)
        {
            _free.Remove(best);
            offset = best.Offset;
            size = best.Size;
            int rest = size - need;
            if (rest >= 8)
            {
                BinaryPrimitives.WriteInt32LittleEndian(_buf.AsSpan(Data + (int)offset + need), rest);
                _free.Add((rest, offset + (uint)need));
                size = need;
            }
        }
        else
        {
            offset = AddBin(need);
            size = need;
        }
        BinaryPrimitives.WriteInt32LittleEndian(_buf.AsSpan(Data + (int)offset), -size);
        _buf.AsSpan(Data + (int)offset + 4, size - 4).Clear();
        return offset;
    }

    /// <summary>Appends a bin (a 4 KB multiple) big enough for one cell of <paramref name="need"/> bytes; the rest is one free cell.</summary>
    private uint AddBin(int need)
    {
        int binSize = (need + HiveImage.BinHeaderSize + 4095) & ~4095;
        int start = _dataSize;
        long required = Data + (long)start + binSize;
        if (required > int.MaxValue)
        {
            throw new InvalidOperationException("the hive would exceed 2 GiB");
        }
        if (_buf.Length < required)
        {
            Array.Resize(ref _buf, (int)Math.Min(int.MaxValue, Math.Max(required, _buf.Length + (_buf.Length / 2))));
        }
        WriteBinHeader(_buf, start, binSize);
        int rest = binSize - HiveImage.BinHeaderSize - need;
        uint cell = (uint)(start + HiveImage.BinHeaderSize);
        if (rest > 0)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_buf.AsSpan(Data + (int)cell + need), rest);
            _free.Add((rest, cell + (uint)need));
        }
        BinaryPrimitives.WriteInt32LittleEndian(_buf.AsSpan(Data + (int)cell), -need);
        _dataSize += binSize;
        BinaryPrimitives.WriteUInt32LittleEndian(_buf.AsSpan(BaseBlock.DataSizeOffset), (uint)_dataSize);
        _image = new HiveImage(_buf.AsMemory(0, Data + _dataSize), BaseBlock.Parse(_buf), _sourcePath);
        return cell;
    }

    /// <summary>Marks a cell free and merges it with free neighbours in its bin.</summary>
    private void Free(uint offset)
    {
        _ = _image.Cell(offset, out bool allocated);
        if (!allocated)
        {
            throw _image.Bad(HiveError.BadRecord, offset, $"cell 0x{offset:X} is referenced but free: the hive's references are inconsistent; nothing was saved");
        }
        int start = (int)offset;
        int size = -BinaryPrimitives.ReadInt32LittleEndian(_buf.AsSpan(Data + start));
        var (binStart, binEnd) = _image.BinOf(start);
        int next = start + size;
        if (next < binEnd)
        {
            int nextRaw = BinaryPrimitives.ReadInt32LittleEndian(_buf.AsSpan(Data + next));
            if (nextRaw > 0)
            {
                _free.Remove((nextRaw, (uint)next));
                size += nextRaw;
            }
        }
        int pos = binStart + HiveImage.BinHeaderSize;
        while (pos < start)
        {
            int raw = BinaryPrimitives.ReadInt32LittleEndian(_buf.AsSpan(Data + pos));
            int cellSize = Math.Abs(raw);
            if (pos + cellSize == start && raw > 0)
            {
                _free.Remove((raw, (uint)pos));
                size += raw;
                start = pos;
                break;
            }
            pos += cellSize;
        }
        BinaryPrimitives.WriteInt32LittleEndian(_buf.AsSpan(Data + start), size);
        _free.Add((size, (uint)start));
    }

    private static void WriteBinHeader(byte[] buf, int dataOffset, int size)
    {
        var h = buf.AsSpan(Data + dataOffset, HiveBinHeader.Length);
        h.Clear();
        HiveBinHeader.Write(h, dataOffset, size);
    }
}

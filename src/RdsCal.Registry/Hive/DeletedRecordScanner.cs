using System.Buffers.Binary;
using RdsCal.Registry.Hive.Cells;

namespace RdsCal.Registry.Hive;

/// <summary>A key node found in unallocated space.</summary>
/// <param name="CellOffset">Where the record starts (relative to the hive bins data).</param>
/// <param name="Name">Its name.</param>
/// <param name="Path">Its path when its parents could be followed (live or also deleted keys), else null.</param>
/// <param name="LastWritten">Its last-write time.</param>
/// <param name="Location">Where it was found: "free cell" or "after the hive bins data".</param>
public sealed record DeletedKey(uint CellOffset, string Name, string? Path, DateTimeOffset? LastWritten, string Location);

/// <summary>A value record found in unallocated space.</summary>
/// <param name="CellOffset">Where the record starts.</param>
/// <param name="KeyPath">The key it belonged to, when a deleted key's value list names it.</param>
/// <param name="Value">The value as recovered (data as far as it is still present).</param>
/// <param name="DataState">"inline", "empty", "resident" (its data cell is free), "partial", "reused" (the data cell now holds something else: data may be wrong) or "lost".</param>
/// <param name="Location">Where it was found.</param>
public sealed record DeletedValue(uint CellOffset, string? KeyPath, RegistryValue Value, string DataState, string Location);

/// <summary>What a scan of unallocated space found.</summary>
/// <param name="Keys">Deleted keys.</param>
/// <param name="Values">Deleted values.</param>
public sealed record DeletedRecords(IReadOnlyList<DeletedKey> Keys, IReadOnlyList<DeletedValue> Values);

/// <summary>
/// Carves deleted key and value records out of a hive's unallocated space (free cells, including old cells
/// merged into them, and the file's tail after the hive bins data), as forensic readers do. Every field is
/// bounds-checked; nothing found is trusted beyond what its bytes show.
/// </summary>
public static class DeletedRecordScanner
{
    /// <summary>Scans a hive.</summary>
    public static DeletedRecords Scan(HiveFile hive)
    {
        ArgumentNullException.ThrowIfNull(hive);
        var image = hive.Image;
        var data = hive.Bytes.Span;
        var bins = data.Slice(BaseBlock.Size, image.DataSize);
        var keys = new Dictionary<uint, (KeyNodeCell Node, string Name, string Location)>();
        var values = new Dictionary<uint, (ValueCell Cell, string Name, string Location)>();
        var all = data[BaseBlock.Size..];
        for (int b = 0; b < image.BinCount; b++)
        {
            var (start, end) = image.BinAt(b);
            int pos = start + HiveImage.BinHeaderSize;
            while (pos + 4 <= end)
            {
                int raw = BinaryPrimitives.ReadInt32LittleEndian(bins[pos..]);
                // In long: Math.Abs(int.MinValue) throws, and pos + 0x7FFFFFFF wraps negative in int.
                long size = Math.Abs((long)raw);
                if (size < 8 || pos + size > end)
                {
                    break;
                }
                if (raw > 0)
                {
                    for (int p = pos; p + 8 <= pos + size; p += 8)
                    {
                        Consider(image, all, p, "free cell", keys, values);
                    }
                }
                pos += (int)size;
            }
        }
        // Windows leaves old bins beyond the current data size in the file: scan them too.
        // A record may start in the last bytes of the bins and run on into the tail, so the tail scan starts
        // one size field early.
        var tail = data[(BaseBlock.Size + image.DataSize)..];
        for (int p = -4; p + 8 <= tail.Length; p += 4)
        {
            Consider(image, all, image.DataSize + p, "after the hive bins data", keys, values);
        }

        var owners = new Dictionary<uint, uint>();
        foreach (var (offset, (node, _, _)) in keys)
        {
            if (node.ValueCount is > 0 and < 4096 && node.ValueList < image.DataSize && node.ValueList % 8 == 0)
            {
                // The list's cell may be gone or overwritten: its entries are read as far as the bins go.
                var listData = bins[((int)node.ValueList + 4)..];
                CellOffsetList.TryParse(listData, Math.Min(node.ValueCount, listData.Length / 4), out var list);
                for (int i = 0; i < list.Count; i++)
                {
                    owners.TryAdd(list[i], offset);
                }
            }
        }

        var deletedKeys = keys.Select(k => new DeletedKey(k.Key, k.Value.Name, PathOf(hive, keys, k.Key), FileTimes.ToDate(k.Value.Node.LastWritten), k.Value.Location))
            .OrderBy(k => k.CellOffset).ToList();
        var deletedValues = new List<DeletedValue>();
        foreach (var (offset, (cell, name, location)) in values.OrderBy(v => v.Key))
        {
            var (bytes, state) = DataOf(image, bins, cell);
            string? owner = owners.TryGetValue(offset, out uint k) ? PathOf(hive, keys, k) : null;
            deletedValues.Add(new DeletedValue(offset, owner, new RegistryValue(name, (RegistryValueKind)cell.Type, bytes), state, location));
        }
        return new DeletedRecords(deletedKeys, deletedValues);
    }

    private static void Consider(HiveImage image, ReadOnlySpan<byte> all, int offset, string location,
        Dictionary<uint, (KeyNodeCell Node, string Name, string Location)> keys, Dictionary<uint, (ValueCell Cell, string Name, string Location)> values)
    {
        int at = offset + 4;
        if (at + 2 > all.Length || keys.ContainsKey((uint)offset) || values.ContainsKey((uint)offset))
        {
            return;
        }
        if (all.Slice(at, 2).SequenceEqual("nk"u8) && TryKey(image, all, at, out var node, out string? keyName))
        {
            keys[(uint)offset] = (node, keyName!, location);
        }
        else if (all.Slice(at, 2).SequenceEqual("vk"u8) && TryValue(all, at, out var vk, out string? valueName))
        {
            values[(uint)offset] = (vk, valueName!, location);
        }
    }

    private static bool TryKey(HiveImage image, ReadOnlySpan<byte> all, int at, out KeyNodeCell node, out string? name)
    {
        node = default;
        name = null;
        if (at + KeyNodeCell.NameOffset > all.Length)
        {
            return false;
        }
        var cell = all[at..];
        var fields = KeyNodeCell.Fields(cell);
        if (fields.NameLength == 0 || fields.NameLength > 512 || KeyNodeCell.NameOffset + fields.NameLength > cell.Length || (fields.Flags & 0xFF00 & ~0x1000) != 0)
        {
            return false;
        }
        // The bounds are checked above, so the reader's own parser cannot fail here.
        node = KeyNodeCell.Parse(image, cell, (uint)(at - 4));
        var bytes = KeyNodeCell.NameBytes(cell, node);
        name = RecordName.Decode(bytes, node.IsCompressed);
        return true;
    }

    private static bool TryValue(ReadOnlySpan<byte> all, int at, out ValueCell vk, out string? name)
    {
        vk = default;
        name = null;
        if (at + ValueCell.NameOffset > all.Length)
        {
            return false;
        }
        var cell = all[at..];
        var fields = ValueCell.Fields(cell);
        if (fields.NameLength > 2048 || ValueCell.NameOffset + fields.NameLength > cell.Length || fields.Flags > 3 || (fields.IsInline && fields.DataLength > 4))
        {
            return false;
        }
        vk = fields;
        var bytes = cell.Slice(ValueCell.NameOffset, vk.NameLength);
        name = RecordName.Decode(bytes, vk.IsCompressed);
        return true;
    }

    private static (byte[] Data, string State) DataOf(HiveImage image, ReadOnlySpan<byte> bins, ValueCell vk)
    {
        int length = vk.DataLength;
        if (vk.IsInline || length == 0)
        {
            var four = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(four, vk.DataOffset);
            return (four[..length], length == 0 ? "empty" : "inline");
        }
        if (vk.DataOffset % 8 != 0 || vk.DataOffset + 4L > image.DataSize)
        {
            return ([], "lost");
        }
        int raw = BinaryPrimitives.ReadInt32LittleEndian(bins[(int)vk.DataOffset..]);
        int capacity = (int)Math.Min(Math.Abs((long)raw) - 4, bins.Length - (int)vk.DataOffset - 4);
        if (capacity <= 0)
        {
            return ([], "lost");
        }
        int take = Math.Min(length, capacity);
        return (bins.Slice((int)vk.DataOffset + 4, take).ToArray(), raw > 0 ? (take == length ? "resident" : "partial") : "reused");
    }

    private static string? PathOf(HiveFile hive, Dictionary<uint, (KeyNodeCell Node, string Name, string Location)> deleted, uint offset)
    {
        var parts = new List<string>();
        var seen = new HashSet<uint>();
        uint current = offset;
        while (seen.Add(current) && parts.Count < 512)
        {
            if (deleted.TryGetValue(current, out var d))
            {
                parts.Add(d.Name);
                current = d.Node.Parent;
                continue;
            }
            string? live = LivePath(hive, current);
            if (live is null)
            {
                return null;
            }
            parts.Reverse();
            return RegistryPath.Combine(live, string.Join('\\', parts));
        }
        return null;
    }

    /// <summary>The path of an allocated key node, by its parent chain, or null.</summary>
    private static string? LivePath(HiveFile hive, uint offset)
    {
        var parts = new List<string>();
        var seen = new HashSet<uint>();
        try
        {
            while (seen.Add(offset) && parts.Count < 512)
            {
                var cell = hive.Image.Cell(offset, out bool allocated);
                if (!allocated || cell.Length < KeyNodeCell.NameOffset || !cell[..2].SequenceEqual("nk"u8))
                {
                    return null;
                }
                var node = KeyNodeCell.Parse(hive.Image, cell, offset);
                if (offset == hive.Header.RootCell)
                {
                    parts.Reverse();
                    return string.Join('\\', parts);
                }
                var bytes = KeyNodeCell.NameBytes(cell, node);
                parts.Add(RecordName.Decode(bytes, node.IsCompressed));
                offset = node.Parent;
            }
        }
        catch (HiveFormatException)
        {
        }
        return null;
    }
}

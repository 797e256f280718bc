using System.Buffers.Binary;
using RdsCal.Registry.Hive.Cells;

namespace RdsCal.Registry.Hive;

public sealed partial class HiveEditor
{
    private uint NewKeyNode(string name, uint parent, uint security, ushort extraFlags)
    {
        byte[] nameBytes = EncodeName(name, out bool compressed);
        uint nk = Allocate(KeyNodeCell.NameOffset + nameBytes.Length);
        var d = CellData(nk);
        "nk"u8.CopyTo(d);
        BinaryPrimitives.WriteUInt16LittleEndian(d[KeyNodeCell.FlagsOffset..], (ushort)((compressed ? KeyNodeCell.CompressedName : 0) | extraFlags));
        BinaryPrimitives.WriteInt64LittleEndian(d[KeyNodeCell.LastWrittenOffset..], DateTime.UtcNow.ToFileTimeUtc());
        BinaryPrimitives.WriteUInt32LittleEndian(d[KeyNodeCell.ParentOffset..], parent);
        BinaryPrimitives.WriteUInt32LittleEndian(d[KeyNodeCell.SubkeyListOffset..], 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(d[KeyNodeCell.VolatileSubkeyListOffset..], 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(d[KeyNodeCell.ValueListOffset..], 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt32LittleEndian(d[KeyNodeCell.SecurityOffset..], security);
        BinaryPrimitives.WriteUInt32LittleEndian(d[KeyNodeCell.ClassOffset..], 0xFFFFFFFF);
        BinaryPrimitives.WriteUInt16LittleEndian(d[KeyNodeCell.NameLengthOffset..], (ushort)nameBytes.Length);
        nameBytes.CopyTo(d[KeyNodeCell.NameOffset..]);
        return nk;
    }

    /// <summary>A new sk cell in a ring of its own, with a reference count of 1 (for the key about to use it).</summary>
    private uint NewSecurityCell(byte[] descriptor)
    {
        uint sk = Allocate(SecurityCell.DescriptorOffset + descriptor.Length);
        SecurityCell.Write(CellData(sk), sk, referenceCount: 1, descriptor);
        return sk;
    }

    /// <summary>Drops one reference; at zero the cell leaves the ring and is freed.</summary>
    private void ReleaseSecurity(uint sk)
    {
        var record = SecurityCell.Read(_image, sk, out _);
        if (record.ReferenceCount > 1)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(CellData(sk)[SecurityCell.ReferenceCountOffset..], record.ReferenceCount - 1);
            return;
        }
        if (record.Flink != sk)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(CellData(record.Blink)[SecurityCell.FlinkOffset..], record.Flink);
            BinaryPrimitives.WriteUInt32LittleEndian(CellData(record.Flink)[SecurityCell.BlinkOffset..], record.Blink);
        }
        Free(sk);
    }

    private uint NewValue(RegistryValue value)
    {
        byte[] nameBytes = EncodeName(value.Name, out bool compressed);
        var data = value.Span;
        uint rawSize;
        uint dataOffset = 0;
        if (data.Length == 0)
        {
            rawSize = ValueCell.InlineFlag;
        }
        else if (data.Length <= 4)
        {
            rawSize = ValueCell.InlineFlag | (uint)data.Length;
        }
        else
        {
            rawSize = (uint)data.Length;
            dataOffset = Minor >= 4 && data.Length > BigDataCell.SegmentSize ? NewBigData(data) : NewDataCell(data);
        }
        uint vk = Allocate(ValueCell.NameOffset + nameBytes.Length);
        var d = CellData(vk);
        "vk"u8.CopyTo(d);
        BinaryPrimitives.WriteUInt16LittleEndian(d[ValueCell.NameLengthOffset..], (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(d[ValueCell.DataSizeOffset..], rawSize);
        BinaryPrimitives.WriteUInt32LittleEndian(d[ValueCell.DataOffsetOffset..], dataOffset);
        if (data.Length is > 0 and <= 4)
        {
            data.CopyTo(d[ValueCell.DataOffsetOffset..]);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(d[ValueCell.TypeOffset..], (uint)value.Kind);
        BinaryPrimitives.WriteUInt16LittleEndian(d[ValueCell.FlagsOffset..], compressed ? ValueCell.CompressedName : (ushort)0);
        nameBytes.CopyTo(d[ValueCell.NameOffset..]);
        return vk;
    }

    private uint NewDataCell(ReadOnlySpan<byte> data)
    {
        uint cell = Allocate(data.Length);
        data.CopyTo(CellData(cell));
        return cell;
    }

    private uint NewBigData(ReadOnlySpan<byte> data)
    {
        int segments = (data.Length + BigDataCell.SegmentSize - 1) / BigDataCell.SegmentSize;
        var offsets = new uint[segments];
        for (int i = 0; i < segments; i++)
        {
            // Windows gives every segment, the last one too, a full 16,344-byte cell; hivex reads whole
            // segment cells, so a short last cell would make it misread the value.
            int from = i * BigDataCell.SegmentSize;
            offsets[i] = Allocate(BigDataCell.SegmentSize);
            data.Slice(from, Math.Min(BigDataCell.SegmentSize, data.Length - from)).CopyTo(CellData(offsets[i]));
        }
        uint list = Allocate(CellOffsetList.SizeFor(segments));
        CellOffsetList.Write(CellData(list), offsets);
        uint db = Allocate(BigDataCell.Length);
        BigDataCell.Write(CellData(db), segments, list);
        return db;
    }

    private void FreeValue(uint vk)
    {
        var v = ValueCell.Read(_image, vk, out _);
        if (!v.IsInline && v.DataLength > 0)
        {
            var cell = _image.Cell(v.DataOffset);
            if (Minor >= 4 && v.DataLength > BigDataCell.SegmentSize && BigDataCell.IsBigData(cell))
            {
                var db = BigDataCell.Parse(cell, v.DataOffset, _image.Path);
                var list = db.Segments(_image);
                // Copied first: freeing cells rewrites the buffer the list is read from.
                var segments = new uint[list.Count];
                for (int i = 0; i < segments.Length; i++)
                {
                    segments[i] = list[i];
                }
                foreach (uint segment in segments)
                {
                    Free(segment);
                }
                Free(db.SegmentList);
            }
            Free(v.DataOffset);
        }
        Free(vk);
    }

    private List<uint> ValueOffsets(uint key)
    {
        uint count = Nk(key, KeyNodeCell.ValueCountOffset);
        uint list = Nk(key, KeyNodeCell.ValueListOffset);
        var result = new List<uint>((int)Math.Min(count, 1024));
        if (count == 0 || list == 0xFFFFFFFF)
        {
            return result;
        }
        if (!CellOffsetList.TryParse(_image.Cell(list), count, out var offsets))
        {
            throw _image.Bad(HiveError.BadRecord, list, $"value list at 0x{list:X} is too short for {count} values");
        }
        for (int i = 0; i < offsets.Count; i++)
        {
            result.Add(offsets[i]);
        }
        return result;
    }

    private void WriteValueList(uint key, List<uint> values)
    {
        uint old = Nk(key, KeyNodeCell.ValueListOffset);
        bool hadList = old != 0xFFFFFFFF && Nk(key, KeyNodeCell.ValueCountOffset) > 0;
        uint list = 0xFFFFFFFF;
        if (values.Count > 0)
        {
            list = Allocate(CellOffsetList.SizeFor(values.Count));
            CellOffsetList.Write(CellData(list), values);
        }
        if (hadList)
        {
            Free(old);
        }
        SetNk(key, KeyNodeCell.ValueListOffset, list);
        SetNk(key, KeyNodeCell.ValueCountOffset, (uint)values.Count);
    }

    private List<uint> ChildOffsets(uint key)
    {
        uint count = Nk(key, KeyNodeCell.SubkeyCountOffset);
        uint listOffset = Nk(key, KeyNodeCell.SubkeyListOffset);
        var result = new List<uint>();
        if (count == 0 || listOffset == 0xFFFFFFFF)
        {
            return result;
        }
        var list = SubkeyListCell.Read(_image, listOffset);
        if (list.IsLeaf)
        {
            AddLeaf(list, result);
            return result;
        }
        for (int i = 0; i < list.Count; i++)
        {
            var leaf = SubkeyListCell.Read(_image, list[i]);
            if (!leaf.IsLeaf)
            {
                throw _image.Bad(HiveError.BadRecord, list[i], "an index root points to another index root");
            }
            AddLeaf(leaf, result);
        }
        return result;
    }

    private static void AddLeaf(SubkeyListCell leaf, List<uint> into)
    {
        for (int i = 0; i < leaf.Count; i++)
        {
            into.Add(leaf[i]);
        }
    }

    private void FreeSubkeyList(uint key)
    {
        uint listOffset = Nk(key, KeyNodeCell.SubkeyListOffset);
        if (listOffset == 0xFFFFFFFF || Nk(key, KeyNodeCell.SubkeyCountOffset) == 0)
        {
            return;
        }
        var list = SubkeyListCell.Read(_image, listOffset);
        if (!list.IsLeaf)
        {
            var leaves = new uint[list.Count];
            for (int i = 0; i < leaves.Length; i++)
            {
                leaves[i] = list[i];
            }
            foreach (uint leaf in leaves)
            {
                Free(leaf);
            }
        }
        Free(listOffset);
    }

    /// <summary>
    /// Replaces a key's subkey list with <paramref name="children"/> (already in Windows order): one leaf of up to
    /// <see cref="MaxLeafEntries"/>, else an index root over evenly filled leaves. v1.5+ uses lh leaves; v1.3/1.4
    /// use lf, and li under an index root, as Windows writes them.
    /// </summary>
    private void WriteSubkeyList(uint key, List<uint> children)
    {
        // Hints of children already listed are copied, not recomputed: rewriting a big list stays O(n).
        var known = KnownHints(key);
        FreeSubkeyList(key);
        uint list = 0xFFFFFFFF;
        if (children.Count > 0 && children.Count <= MaxLeafEntries)
        {
            list = WriteLeaf(children, Minor >= 5 ? "lh"u8 : "lf"u8, known);
        }
        else if (children.Count > MaxLeafEntries)
        {
            int leaves = (children.Count + MaxLeafEntries - 1) / MaxLeafEntries;
            var leafOffsets = new uint[leaves];
            for (int i = 0; i < leaves; i++)
            {
                int from = (int)((long)children.Count * i / leaves);
                int to = (int)((long)children.Count * (i + 1) / leaves);
                leafOffsets[i] = WriteLeaf(children.GetRange(from, to - from), Minor >= 5 ? "lh"u8 : "li"u8, known);
            }
            list = Allocate(SubkeyListCell.SizeFor(leaves, withHints: false));
            var elements = SubkeyListCell.WriteHeader(CellData(list), "ri"u8, leaves);
            for (int i = 0; i < leaves; i++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(elements[(i * 4)..], leafOffsets[i]);
            }
        }
        SetNk(key, KeyNodeCell.SubkeyListOffset, list);
        SetNk(key, KeyNodeCell.SubkeyCountOffset, (uint)children.Count);
    }

    private uint WriteLeaf(List<uint> children, ReadOnlySpan<byte> signature, Dictionary<(uint Offset, byte Kind), uint> known)
    {
        bool withHints = signature[1] != (byte)'i';
        int stride = withHints ? 8 : 4;
        uint leaf = Allocate(SubkeyListCell.SizeFor(children.Count, withHints));
        var elements = SubkeyListCell.WriteHeader(CellData(leaf), signature, children.Count);
        for (int i = 0; i < children.Count; i++)
        {
            var e = elements[(i * stride)..];
            BinaryPrimitives.WriteUInt32LittleEndian(e, children[i]);
            if (withHints)
            {
                if (!known.TryGetValue((children[i], signature[1]), out uint hint))
                {
                    string name = NameOfKey(children[i]);
                    hint = signature[1] == (byte)'h' ? RegistryName.Hash(name) : NameHint(name);
                }
                BinaryPrimitives.WriteUInt32LittleEndian(e[4..], hint);
            }
        }
        return leaf;
    }

    /// <summary>The hints (lh hashes, lf name hints) the key's current leaves hold, by child and leaf kind.</summary>
    private Dictionary<(uint Offset, byte Kind), uint> KnownHints(uint key)
    {
        var known = new Dictionary<(uint, byte), uint>();
        uint listOffset = Nk(key, KeyNodeCell.SubkeyListOffset);
        if (listOffset == 0xFFFFFFFF || Nk(key, KeyNodeCell.SubkeyCountOffset) == 0)
        {
            return known;
        }
        var list = SubkeyListCell.Read(_image, listOffset);
        if (list.IsLeaf)
        {
            AddHints(list, known);
        }
        else
        {
            for (int i = 0; i < list.Count; i++)
            {
                AddHints(SubkeyListCell.Read(_image, list[i]), known);
            }
        }
        return known;
    }

    private static void AddHints(SubkeyListCell leaf, Dictionary<(uint, byte), uint> known)
    {
        byte kind = leaf.Kind switch
        {
            SubkeyListKind.HashLeaf => (byte)'h',
            SubkeyListKind.FastLeaf => (byte)'f',
            _ => (byte)0,
        };
        if (kind == 0)
        {
            return;
        }
        for (int i = 0; i < leaf.Count; i++)
        {
            known[(leaf[i], kind)] = leaf.Hint(i);
        }
    }

    /// <summary>The lf hint: the first four characters as single bytes, NUL-padded; 0 when one does not fit a byte.</summary>
    internal static uint NameHint(string name)
    {
        uint hint = 0;
        for (int i = 0; i < Math.Min(4, name.Length); i++)
        {
            if (name[i] > 0xFF)
            {
                return 0;
            }
            hint |= (uint)name[i] << (8 * i);
        }
        return hint;
    }
}

using System.Buffers.Binary;
using System.Text;
using RdsCal.Registry.Hive.Cells;

namespace RdsCal.Registry.Hive;

/// <summary>
/// A key in a hive file. The key node is parsed once; names, values and subkeys are decoded only when
/// asked for. Lookups by name binary-search the sorted subkey lists, as Windows does.
/// </summary>
public sealed class HiveKey : RegistryKey
{
    private readonly HiveFile _hive;
    private readonly KeyNodeCell _nk;
    private readonly int _depth;
    private readonly HiveKey? _parent;
    private string? _name;

    internal HiveKey(HiveFile hive, uint offset, KeyNodeCell nk, int depth, bool isRoot = false, HiveKey? parent = null)
    {
        _hive = hive;
        _nk = nk;
        _depth = depth;
        _parent = parent;
        CellOffset = offset;
        IsRoot = isRoot;
    }

    /// <summary>The key node's cell offset (relative to the hive bins data).</summary>
    public uint CellOffset { get; }

    /// <summary>The hive this key was read from (its <see cref="HiveFile.Diagnostics"/> gather what reading its keys found).</summary>
    public HiveFile Hive => _hive;

    /// <summary>True for the hive's root key.</summary>
    public bool IsRoot { get; }

    /// <summary>The raw key node flags (0x20 compressed name, 0x04 hive entry, 0x10 symbolic link, …).</summary>
    public ushort Flags => _nk.Flags;

    /// <summary>Layered-key semantics from access-bits byte 1 (v1.6 delta hives): 0 normal, 1 tombstone, 2 supersede local, 3 supersede tree.</summary>
    public int LayerSemantics => _hive.Header.SupportsLayeredKeys ? (int)((_nk.AccessBits >> 8) & 0x3) : 0;

    /// <summary>True when this key inherits its class from the lower layer (v1.6 delta hives).</summary>
    public bool InheritsClass => _hive.Header.SupportsLayeredKeys && ((_nk.AccessBits >> 8) & 0x80) != 0;

    /// <inheritdoc />
    public override string Name => _name ??= IsRoot ? string.Empty : DecodeName();

    /// <summary>The root key's stored name (roots are presented with an empty <see cref="Name"/>).</summary>
    public string StoredName => DecodeName();

    /// <inheritdoc />
    public override DateTimeOffset? LastWriteTime => FileTimes.ToDate(_nk.LastWritten);

    /// <inheritdoc />
    public override int SubkeyCount => (int)Math.Min(_nk.SubkeyCount, int.MaxValue);

    /// <inheritdoc />
    public override int ValueCount => (int)Math.Min(_nk.ValueCount, int.MaxValue);

    /// <inheritdoc />
    public override string? ClassName
    {
        get
        {
            if (_nk.Class == 0xFFFFFFFF || _nk.ClassLength == 0)
            {
                return null;
            }
            var cell = _hive.Image.Cell(_nk.Class);
            if (cell.Length < _nk.ClassLength)
            {
                throw _hive.Image.Bad(HiveError.BadRecord, _nk.Class, $"class name of {_nk.ClassLength} bytes overruns its {cell.Length}-byte cell");
            }
            return Encoding.Unicode.GetString(cell[.._nk.ClassLength]);
        }
    }

    /// <inheritdoc />
    public override ReadOnlyMemory<byte>? SecurityDescriptor
    {
        get
        {
            if (_nk.Security == 0xFFFFFFFF)
            {
                return null;
            }
            var sk = SecurityCell.Read(_hive.Image, _nk.Security, out var cell);
            return sk.Descriptor(cell, _nk.Security, _hive.Path).ToArray();
        }
    }

    /// <inheritdoc />
    public override IEnumerable<RegistryKey> EnumerateSubkeys() => Subkeys();

    /// <summary>The subkeys as hive keys, in list order. Damaged entries are skipped with a diagnostic.</summary>
    public IEnumerable<HiveKey> Subkeys()
    {
        if (_nk.SubkeyCount == 0 || _nk.SubkeyList == 0xFFFFFFFF)
        {
            yield break;
        }
        if (_depth >= _hive.Options.MaxDepth)
        {
            throw _hive.Image.Bad(HiveError.TooDeep, CellOffset,
                $"keys nest deeper than {_hive.Options.MaxDepth} levels below the root: the hive is cyclic or hostile");
        }
        var offsets = CollectSubkeyOffsets();
        var seen = new HashSet<uint>();
        HiveKey? previous = null;
        foreach (uint child in offsets)
        {
            if (IsSelfOrAncestor(child))
            {
                _hive.Report(new HiveDiagnostic(HiveDiagnosticCode.SubkeySkipped, HiveImage.FileOffsetOf(child),
                    $"key node 0x{child:X} listed under '{Name}' was skipped: it is that key or one above it (the subkey lists form a cycle)"));
                continue;
            }
            var nk = KeyNodeCell.Read(_hive.Image, child, out _);
            if (!seen.Add(child) || (nk.Parent != CellOffset && !IsRoot))
            {
                _hive.Report(new HiveDiagnostic(HiveDiagnosticCode.SubkeySkipped, HiveImage.FileOffsetOf(child),
                    $"key node 0x{child:X} listed under '{Name}' was skipped: it is listed twice or belongs to another parent"));
                continue;
            }
            var key = new HiveKey(_hive, child, nk, _depth + 1, parent: this);
            if (previous is not null)
            {
                int order = RegistryName.Compare(previous.Name, key.Name);
                if (order >= 0)
                {
                    _hive.Report(new HiveDiagnostic(order == 0 ? HiveDiagnosticCode.SubkeySkipped : HiveDiagnosticCode.SubkeysOutOfOrder,
                        HiveImage.FileOffsetOf(child),
                        order == 0
                            ? $"duplicate subkey '{key.Name}' under '{Name}' was skipped"
                            : $"subkeys of '{Name}' are out of order ('{previous.Name}' before '{key.Name}'): Windows may not find some of them"));
                    if (order == 0)
                    {
                        continue;
                    }
                }
            }
            previous = key;
            yield return key;
        }
    }

    /// <inheritdoc />
    public override RegistryKey? OpenSubkey(string name) => FindSubkey(name);

    /// <summary>Finds a direct subkey by binary search over the sorted list(s); depth × log(fan-out) cell reads.</summary>
    public HiveKey? FindSubkey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_nk.SubkeyCount == 0 || _nk.SubkeyList == 0xFFFFFFFF)
        {
            return null;
        }
        var image = _hive.Image;
        var list = SubkeyListCell.Read(image, _nk.SubkeyList);
        if (list.IsLeaf)
        {
            return SearchLeaf(list, name);
        }
        for (int i = 0; i < list.Count; i++)
        {
            var leaf = ReadLeaf(list[i]);
            if (leaf.Count == 0)
            {
                continue;
            }
            if (CompareNodeName(leaf[leaf.Count - 1], name) >= 0 || i == list.Count - 1)
            {
                return SearchLeaf(leaf, name);
            }
        }
        return null;
    }

    /// <inheritdoc />
    public override IEnumerable<RegistryValue> EnumerateValues()
    {
        // Read into an array, not returned as offsets.Select(ReadValue): a LINQ operator applied to a LINQ iterator
        // is a generic virtual call, which NativeAOT resolves by starting its type loader (docs/benchmarks.md).
        var list = ValueList();
        var values = new RegistryValue[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            values[i] = ReadValue(list[i]);
        }
        return values;
    }

    /// <inheritdoc />
    public override RegistryValue? GetValue(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var list = ValueList();
        for (int i = 0; i < list.Count; i++)
        {
            uint offset = list[i];
            var vk = ValueCell.Read(_hive.Image, offset, out var cell);
            if (NameEquals(cell.Slice(ValueCell.NameOffset, vk.NameLength), vk.IsCompressed, name))
            {
                return ReadValue(offset);
            }
        }
        return null;
    }

    /// <summary>True when the value at this name is a layered-key tombstone (v1.6 delta hives).</summary>
    public bool IsTombstoneValue(string name)
    {
        var list = ValueList();
        for (int i = 0; i < list.Count; i++)
        {
            var vk = ValueCell.Read(_hive.Image, list[i], out var cell);
            if (NameEquals(cell.Slice(ValueCell.NameOffset, vk.NameLength), vk.IsCompressed, name))
            {
                return (vk.Flags & ValueCell.Tombstone) != 0;
            }
        }
        return false;
    }

    private CellOffsetList ValueList()
    {
        if (_nk.ValueCount == 0 || _nk.ValueList == 0xFFFFFFFF)
        {
            return default;
        }
        var cell = _hive.Image.Cell(_nk.ValueList);
        return CellOffsetList.TryParse(cell, _nk.ValueCount, out var list) ? list
            : throw _hive.Image.Bad(HiveError.BadRecord, _nk.ValueList,
                $"key '{Name}' claims {_nk.ValueCount} values but its value list at 0x{_nk.ValueList:X} holds {cell.Length / 4}");
    }

    private RegistryValue ReadValue(uint offset)
    {
        var image = _hive.Image;
        var vk = ValueCell.Read(image, offset, out var cell);
        string name = DecodeName(cell.Slice(ValueCell.NameOffset, vk.NameLength), vk.IsCompressed);
        int length = vk.DataLength;
        byte[] data;
        if (vk.IsInline)
        {
            if (length > 4)
            {
                throw _hive.Image.Bad(HiveError.BadRecord, offset, $"value '{name}' claims {length} bytes held inline, but at most 4 fit");
            }
            data = cell.Slice(ValueCell.DataOffsetOffset, length).ToArray();
        }
        else if (length == 0)
        {
            data = [];
        }
        else
        {
            var dataCell = image.Cell(vk.DataOffset);
            if (_hive.Header.Minor >= 4 && length > BigDataCell.SegmentSize && BigDataCell.IsBigData(dataCell))
            {
                data = BigDataCell.Read(image, vk.DataOffset, dataCell, length);
            }
            else if (length > dataCell.Length)
            {
                throw _hive.Image.Bad(HiveError.BadRecord, vk.DataOffset,
                    $"value '{name}' claims {length:N0} bytes but its data cell at 0x{vk.DataOffset:X} holds {dataCell.Length:N0}");
            }
            else
            {
                data = dataCell[..length].ToArray();
            }
        }
        return RegistryValue.Adopt(name, (RegistryValueKind)vk.Type, data);
    }

    /// <summary>
    /// True when <paramref name="offset"/> is this key or one it was reached through. The parent-field check
    /// alone misses a cycle entered from the root (whose children are not checked), so the walk's own chain is
    /// what stops it: depth × keys, bounded by <see cref="HiveOpenOptions.MaxDepth"/>.
    /// </summary>
    private bool IsSelfOrAncestor(uint offset)
    {
        for (var k = this; k is not null; k = k._parent)
        {
            if (k.CellOffset == offset)
            {
                return true;
            }
        }
        return offset == _hive.Header.RootCell;
    }

    private List<uint> CollectSubkeyOffsets()
    {
        var image = _hive.Image;
        var list = SubkeyListCell.Read(image, _nk.SubkeyList);
        var result = new List<uint>(Math.Min(list.Count, 4096));
        if (list.IsLeaf)
        {
            AddLeaf(list, result);
            return result;
        }
        for (int i = 0; i < list.Count; i++)
        {
            AddLeaf(ReadLeaf(list[i]), result);
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

    private SubkeyListCell ReadLeaf(uint offset)
    {
        var leaf = SubkeyListCell.Read(_hive.Image, offset);
        if (!leaf.IsLeaf)
        {
            throw _hive.Image.Bad(HiveError.BadRecord, offset, $"index root under key '{Name}' points to another index root at 0x{offset:X}");
        }
        return leaf;
    }

    private HiveKey? SearchLeaf(SubkeyListCell leaf, string name)
    {
        int lo = 0, hi = leaf.Count - 1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) / 2);
            int c = CompareNodeName(leaf[mid], name);
            if (c == 0)
            {
                uint offset = leaf[mid];
                var nk = KeyNodeCell.Read(_hive.Image, offset, out _);
                return new HiveKey(_hive, offset, nk, _depth + 1, parent: this);
            }
            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return null;
    }

    private int CompareNodeName(uint nodeOffset, string name)
    {
        var nk = KeyNodeCell.Read(_hive.Image, nodeOffset, out var cell);
        return CompareStored(KeyNodeCell.NameBytes(cell, nk), nk.IsCompressed, name);
    }

    private static int CompareStored(ReadOnlySpan<byte> stored, bool compressed, string name)
    {
        int n = compressed ? stored.Length : stored.Length / 2;
        int m = Math.Min(n, name.Length);
        for (int i = 0; i < m; i++)
        {
            char c = compressed ? (char)stored[i] : (char)BinaryPrimitives.ReadUInt16LittleEndian(stored[(i * 2)..]);
            int d = RegistryName.Upcase(c) - RegistryName.Upcase(name[i]);
            if (d != 0)
            {
                return d;
            }
        }
        return n - name.Length;
    }

    private static bool NameEquals(ReadOnlySpan<byte> stored, bool compressed, string name) =>
        (compressed ? stored.Length : stored.Length / 2) == name.Length && CompareStored(stored, compressed, name) == 0;

    private string DecodeName()
    {
        var cell = _hive.Image.Cell(CellOffset);
        return DecodeName(KeyNodeCell.NameBytes(cell, _nk), _nk.IsCompressed);
    }

    private static string DecodeName(ReadOnlySpan<byte> bytes, bool compressed) => RecordName.Decode(bytes, compressed);
}

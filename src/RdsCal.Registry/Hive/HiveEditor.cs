using System.Buffers.Binary;
using System.Text;
using RdsCal.Registry.Hive.Cells;

namespace RdsCal.Registry.Hive;

/// <summary>
/// Edits a hive image in memory, keeping every invariant Windows requires: sorted and hashed subkey lists
/// split under index roots when large, exact counts and maxima, inherited and reference-counted security
/// cells, big data for large values, freed cells coalesced and reused, bins grown in 4 KB multiples. Cells
/// not touched by an edit keep their bytes. <see cref="Save(string?, HiveSaveOptions?)"/> writes atomically.
/// </summary>
public sealed partial class HiveEditor
{
    /// <summary>Largest subkey leaf rdscal writes; larger lists go under an index root (Windows splits near 500-1000).</summary>
    internal const int MaxLeafEntries = 500;

    private const int Data = BaseBlock.Size;
    private byte[] _buf;
    private int _dataSize;
    private HiveImage _image;
    private readonly SortedSet<(int Size, uint Offset)> _free = [];
    private readonly string? _sourcePath;
    private readonly IReadOnlyList<string> _staleLogs;

    // Keys' subkeys and values as edited, loaded from the cells on first use and written back to the cells
    // once, at ToArray/Save. Rewriting a whole list for every added key made an import of n siblings O(n²).
    private readonly Dictionary<uint, SortedDictionary<string, uint>> _children = [];
    private readonly Dictionary<uint, ValueIndex> _values = [];
    private readonly HashSet<uint> _dirtyChildren = [];
    private readonly HashSet<uint> _dirtyValues = [];

    private HiveEditor(byte[] image, string? sourcePath, IReadOnlyList<string> staleLogs)
    {
        var header = BaseBlock.Parse(image);
        _buf = image;
        _dataSize = (int)header.DataSize;
        _image = new HiveImage(_buf.AsMemory(0, Data + _dataSize), header, sourcePath);
        _sourcePath = sourcePath;
        _staleLogs = staleLogs;
        Minor = header.Minor;
        IndexFreeCells();
    }

    /// <summary>The minor format version (3 to 6); kept when editing an existing hive.</summary>
    public uint Minor { get; }

    /// <summary>Root key offset.</summary>
    internal uint RootOffset => BinaryPrimitives.ReadUInt32LittleEndian(_buf.AsSpan(BaseBlock.RootCellOffset));

    /// <summary>Bytes of hive bins data.</summary>
    public int DataSize => _dataSize;

    /// <summary>A new empty hive: a root key with the default security descriptor (v1.5 unless told otherwise).</summary>
    public static HiveEditor CreateEmpty(uint minorVersion = 5, string rootName = "ROOT")
    {
        if (minorVersion is < 3 or > 6)
        {
            throw new ArgumentOutOfRangeException(nameof(minorVersion), minorVersion, "hive minor version must be 3 to 6");
        }
        var b = new byte[Data + 4096];
        "regf"u8.CopyTo(b);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(BaseBlock.MajorOffset), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(BaseBlock.MinorOffset), minorVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(BaseBlock.FileFormatOffset), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(BaseBlock.DataSizeOffset), 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(BaseBlock.ClusteringOffset), 1);
        WriteBinHeader(b, 0, 4096);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(Data + HiveImage.BinHeaderSize), 4096 - HiveImage.BinHeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(BaseBlock.ChecksumOffset), BaseBlock.ComputeChecksum(b));
        var editor = new HiveEditor(b, null, []);
        uint sk = editor.NewSecurityCell(SecurityDescriptors.DefaultKey);
        uint root = editor.NewKeyNode(rootName, parent: 0, sk, KeyNodeCell.HiveEntry | 0x0008);
        BinaryPrimitives.WriteUInt32LittleEndian(editor._buf.AsSpan(BaseBlock.RootCellOffset), root);
        return editor;
    }

    /// <summary>
    /// Opens a hive file for editing. A dirty hive is recovered from its logs first; the saved hive is then the
    /// recovered one, and the stale logs are moved aside on save (never deleted).
    /// </summary>
    /// <exception cref="HiveFormatException">The hive is damaged; rdscal does not write to damaged hives.</exception>
    public static HiveEditor Open(string path, HiveOpenOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var hive = HiveFile.Open(path, options);
        if (hive.WasDirty && !hive.WasRecovered)
        {
            throw new HiveFormatException(HiveError.BadLog, 0,
                "the hive is dirty and its transaction logs could not be replayed; writing it would lose the changes they hold (copy the .LOG1/.LOG2 files beside it)", path);
        }
        byte[] image = hive.Bytes.Span[..(Data + (int)hive.Header.DataSize)].ToArray();
        var logs = hive.WasRecovered ? (options?.LogPaths ?? TransactionLogFiles.FindBeside(path)) : [];
        try
        {
            return new HiveEditor(image, FileNode.RealPath(path), logs);
        }
        catch (HiveFormatException e) when (e.FilePath is null)
        {
            throw e.WithFile(path);
        }
    }

    /// <summary>Edits a hive image held in memory (a clean one).</summary>
    public static HiveEditor Load(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var hive = HiveFile.Load(image);
        if (hive.WasDirty)
        {
            throw new HiveFormatException(HiveError.BadLog, 0, "the hive image is dirty; open it from its file so its logs can be replayed");
        }
        return new HiveEditor(image[..(Data + (int)hive.Header.DataSize)], null, []);
    }

    /// <summary>True when the key exists.</summary>
    public bool KeyExists(string path) => FindKey(path) is not null;

    /// <summary>Creates a key and any missing parents; does nothing when it exists.</summary>
    public void CreateKey(string path)
    {
        uint key = RootOffset;
        foreach (string part in RegistryPath.Split(path))
        {
            key = FindChild(key, part) ?? AddChild(key, part);
        }
    }

    /// <summary>Deletes a key and its whole tree; false when it does not exist.</summary>
    public bool DeleteKey(string path)
    {
        var parts = RegistryPath.Split(path);
        if (parts.Length == 0)
        {
            throw new ArgumentException("the root key cannot be deleted", nameof(path));
        }
        // The keys on the way down are kept: a tree that lists one of them (a cycle) must not free it.
        var above = new List<uint> { RootOffset };
        foreach (string part in parts[..^1])
        {
            if (FindChild(above[^1], part) is not { } next)
            {
                return false;
            }
            above.Add(next);
        }
        uint parent = above[^1];
        if (FindChild(parent, parts[^1]) is not { } key)
        {
            return false;
        }
        var tree = CollectTree(key, above);
        Children(parent).Remove(parts[^1]);
        _dirtyChildren.Add(parent);
        Touch(parent);
        FreeTree(tree);
        return true;
    }

    /// <summary>Sets a value (replacing one of the same name in place, keeping its position).</summary>
    /// <exception cref="KeyNotFoundException">The key does not exist.</exception>
    /// <exception cref="NotSupportedException">Data over 16,344 bytes in a version 1.3 hive (no big data cells there).</exception>
    public void SetValue(string keyPath, RegistryValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        uint key = FindKey(keyPath) ?? throw new KeyNotFoundException($"key '{keyPath}' does not exist in the hive");
        if (Minor < 4 && value.Data.Length > BigDataCell.SegmentSize)
        {
            throw new NotSupportedException($"value '{value.Name}' holds {value.Data.Length:N0} bytes; a version 1.{Minor} hive cannot store more than {BigDataCell.SegmentSize:N0} without big data cells (version 1.4 and later)");
        }
        var values = Values(key);
        uint vk = NewValue(value);
        if (values.Replace(value.Name, vk) is { } old)
        {
            FreeValue(old);
        }
        _dirtyValues.Add(key);
        RaiseMax(key, KeyNodeCell.MaxValueNameLengthOffset, value.Name.Length * 2, fullField: true);
        RaiseMax(key, KeyNodeCell.MaxValueDataOffset, value.Data.Length, fullField: true);
        Touch(key);
    }

    /// <summary>Deletes a value; false when the key or value does not exist.</summary>
    public bool DeleteValue(string keyPath, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (FindKey(keyPath) is not { } key)
        {
            return false;
        }
        if (Values(key).Remove(name) is not { } old)
        {
            return false;
        }
        _dirtyValues.Add(key);
        FreeValue(old);
        Touch(key);
        return true;
    }

    /// <summary>Sets or clears (null) a key's class name.</summary>
    public void SetClassName(string keyPath, string? className)
    {
        uint key = FindKey(keyPath) ?? throw new KeyNotFoundException($"key '{keyPath}' does not exist in the hive");
        uint old = Nk(key, KeyNodeCell.ClassOffset);
        if (old != 0xFFFFFFFF)
        {
            Free(old);
        }
        if (string.IsNullOrEmpty(className))
        {
            SetNk(key, KeyNodeCell.ClassOffset, 0xFFFFFFFF);
            BinaryPrimitives.WriteUInt16LittleEndian(NkSpan(key)[KeyNodeCell.ClassLengthOffset..], 0);
        }
        else
        {
            byte[] bytes = Encoding.Unicode.GetBytes(className);
            if (bytes.Length > ushort.MaxValue)
            {
                throw new ArgumentException("class name is too long", nameof(className));
            }
            uint cell = Allocate(bytes.Length);
            bytes.CopyTo(CellData(cell));
            SetNk(key, KeyNodeCell.ClassOffset, cell);
            BinaryPrimitives.WriteUInt16LittleEndian(NkSpan(key)[KeyNodeCell.ClassLengthOffset..], (ushort)bytes.Length);
            if (key != RootOffset)
            {
                RaiseMax(Nk(key, KeyNodeCell.ParentOffset), KeyNodeCell.MaxClassLengthOffset, bytes.Length, fullField: true);
            }
        }
        Touch(key);
    }

    /// <summary>The hive as it would be saved now (base block finished: sequence numbers, timestamp, checksum).</summary>
    public byte[] ToArray()
    {
        WritePendingLists();
        byte[] image = _buf[..(Data + _dataSize)];
        FinishBaseBlock(image);
        return image;
    }

    /// <summary>A read-only view of the hive as it is now.</summary>
    public HiveFile Read() => HiveFile.Load(ToArray());

    private uint? FindKey(string path)
    {
        uint key = RootOffset;
        foreach (string part in RegistryPath.Split(path))
        {
            if (FindChild(key, part) is not { } child)
            {
                return null;
            }
            key = child;
        }
        return key;
    }

    private uint? FindChild(uint key, string name) => Children(key).TryGetValue(name, out uint child) ? child : null;

    /// <summary>A key's subkeys by name in Windows order, as edited (loaded from its list on first use).</summary>
    private SortedDictionary<string, uint> Children(uint key)
    {
        if (!_children.TryGetValue(key, out var index))
        {
            index = new SortedDictionary<string, uint>(RegistryName.Comparer);
            foreach (uint child in ChildOffsets(key))
            {
                if (!index.TryAdd(NameOfKey(child), child))
                {
                    throw _image.Bad(HiveError.BadRecord, child, $"key node 0x{key:X} lists two subkeys named '{NameOfKey(child)}'; rdscal does not edit a damaged subkey list");
                }
            }
            _children[key] = index;
        }
        return index;
    }

    /// <summary>A key's values as edited (loaded from its value list on first use).</summary>
    private ValueIndex Values(uint key)
    {
        if (!_values.TryGetValue(key, out var index))
        {
            index = new ValueIndex();
            foreach (uint vk in ValueOffsets(key))
            {
                index.Load(NameOfValue(vk) ?? string.Empty, vk);
            }
            _values[key] = index;
        }
        return index;
    }

    /// <summary>Writes every subkey and value list edited since the last write: each once, in O(its length).</summary>
    private void WritePendingLists()
    {
        foreach (uint key in _dirtyChildren)
        {
            WriteSubkeyList(key, [.. _children[key].Values]);
        }
        _dirtyChildren.Clear();
        foreach (uint key in _dirtyValues)
        {
            WriteValueList(key, _values[key].Offsets());
        }
        _dirtyValues.Clear();
    }

    private uint AddChild(uint parent, string name)
    {
        if (name.Length is 0 or > 255 || name.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a valid key name (1 to 255 characters, no backslash)", nameof(name));
        }
        uint sk = Nk(parent, KeyNodeCell.SecurityOffset);
        var security = SecurityCell.Read(_image, sk, out _);
        BinaryPrimitives.WriteUInt32LittleEndian(CellData(sk)[SecurityCell.ReferenceCountOffset..], security.ReferenceCount + 1);
        uint child = NewKeyNode(name, parent, sk, 0);
        Children(parent).Add(name, child);
        _dirtyChildren.Add(parent);
        RaiseMax(parent, KeyNodeCell.MaxNameLengthOffset, name.Length * 2, fullField: false);
        Touch(parent);
        return child;
    }

    /// <summary>
    /// A key and everything below it, each once. A hostile hive whose lists loop (back to the key, to one of
    /// <paramref name="above"/>, or within the tree) is refused: freeing by recursion would never end, and freeing
    /// an ancestor would destroy the tree the key hangs from.
    /// </summary>
    private List<uint> CollectTree(uint key, IEnumerable<uint> above)
    {
        var order = new List<uint>();
        var seen = new HashSet<uint>(above);
        var pending = new Stack<uint>();
        pending.Push(key);
        while (pending.Count > 0)
        {
            uint k = pending.Pop();
            if (!seen.Add(k))
            {
                throw _image.Bad(HiveError.BadRecord, k, $"key node 0x{k:X} is reached twice from the key being deleted (the subkey lists form a cycle); rdscal does not edit a damaged hive");
            }
            order.Add(k);
            foreach (uint child in Children(k).Values)
            {
                pending.Push(child);
            }
        }
        return order;
    }

    /// <summary>Frees the keys <see cref="CollectTree"/> gathered, once their lists are no longer read.</summary>
    private void FreeTree(List<uint> order)
    {
        foreach (uint k in order)
        {
            FreeSubkeyList(k);
            foreach (uint v in Values(k).Offsets())
            {
                FreeValue(v);
            }
            uint list = Nk(k, KeyNodeCell.ValueListOffset);
            if (list != 0xFFFFFFFF && Nk(k, KeyNodeCell.ValueCountOffset) > 0)
            {
                Free(list);
            }
            uint cls = Nk(k, KeyNodeCell.ClassOffset);
            if (cls != 0xFFFFFFFF)
            {
                Free(cls);
            }
            ReleaseSecurity(Nk(k, KeyNodeCell.SecurityOffset));
            Free(k);
            // The offset may be reused by a new cell: nothing cached about the freed key may survive.
            _children.Remove(k);
            _values.Remove(k);
            _dirtyChildren.Remove(k);
            _dirtyValues.Remove(k);
        }
    }

    private void Touch(uint key) =>
        BinaryPrimitives.WriteInt64LittleEndian(NkSpan(key)[KeyNodeCell.LastWrittenOffset..], DateTime.UtcNow.ToFileTimeUtc());

    private void RaiseMax(uint key, int field, int value, bool fullField)
    {
        var nk = NkSpan(key);
        uint current = BinaryPrimitives.ReadUInt32LittleEndian(nk[field..]);
        if (fullField)
        {
            if ((uint)value > current)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(nk[field..], (uint)value);
            }
            return;
        }
        // Since Vista the high 16 bits of the largest-name field hold flags: keep them.
        if ((uint)value > (current & 0xFFFF))
        {
            BinaryPrimitives.WriteUInt32LittleEndian(nk[field..], (current & 0xFFFF0000) | (uint)value);
        }
    }

    private string NameOfKey(uint nk)
    {
        var node = KeyNodeCell.Read(_image, nk, out var cell);
        return RecordName.Decode(KeyNodeCell.NameBytes(cell, node), node.IsCompressed);
    }

    private string? NameOfValue(uint vk)
    {
        var v = ValueCell.Read(_image, vk, out var cell);
        return RecordName.Decode(cell.Slice(ValueCell.NameOffset, v.NameLength), v.IsCompressed);
    }

    private uint Nk(uint key, int field) => BinaryPrimitives.ReadUInt32LittleEndian(NkSpan(key)[field..]);

    private void SetNk(uint key, int field, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(NkSpan(key)[field..], value);

    private Span<byte> NkSpan(uint key)
    {
        KeyNodeCell.Read(_image, key, out _);
        return CellData(key);
    }

    /// <summary>The writable data of a cell (after its size field), validated through the reader's gate.</summary>
    private Span<byte> CellData(uint offset)
    {
        int length = _image.Cell(offset).Length;
        return _buf.AsSpan(Data + (int)offset + 4, length);
    }

    private static bool IsLatin1(string s)
    {
        foreach (char c in s)
        {
            if (c > 0xFF)
            {
                return false;
            }
        }
        return true;
    }

    private static byte[] EncodeName(string name, out bool compressed)
    {
        compressed = IsLatin1(name);
        return compressed ? Encoding.Latin1.GetBytes(name) : Encoding.Unicode.GetBytes(name);
    }
}

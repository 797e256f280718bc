namespace RdsCal.Registry.Memory;

/// <summary>
/// A mutable in-memory key: the tree a .reg file describes, the model property tests compare hives
/// against, and a writable store for change sets. Subkeys are kept sorted by Windows' rule; values
/// keep insertion order, as hives do.
/// </summary>
public sealed class MemoryKey : RegistryKey
{
    private readonly SortedDictionary<string, MemoryKey> _subkeys = new(RegistryName.Comparer);
    // Values in insertion order with an index by name: setting or deleting n values is O(n), not O(n²) (a
    // Registry.pol or .reg with many values in one key). A deleted value leaves a gap until the list is read.
    private readonly List<RegistryValue?> _values = [];
    private readonly Dictionary<string, int> _valueIndex = new(RegistryName.Comparer);
    private int _gaps;
    private readonly string _name;

    /// <summary>Creates a detached key (a root when it has no parent).</summary>
    public MemoryKey(string name = "")
    {
        ArgumentNullException.ThrowIfNull(name);
        _name = name;
    }

    /// <inheritdoc />
    public override string Name => _name;

    /// <summary>The parent, or null for a root.</summary>
    public MemoryKey? Parent { get; private set; }

    /// <summary>Settable last-write time.</summary>
    public DateTimeOffset? LastWrite { get; set; }

    /// <summary>Settable class name.</summary>
    public string? Class { get; set; }

    /// <summary>Settable security descriptor.</summary>
    public ReadOnlyMemory<byte>? Security { get; set; }

    /// <inheritdoc />
    public override DateTimeOffset? LastWriteTime => LastWrite;

    /// <inheritdoc />
    public override string? ClassName => Class;

    /// <inheritdoc />
    public override ReadOnlyMemory<byte>? SecurityDescriptor => Security;

    /// <inheritdoc />
    public override int SubkeyCount => _subkeys.Count;

    /// <inheritdoc />
    public override int ValueCount => _values.Count - _gaps;

    /// <summary>The subkeys as memory keys.</summary>
    public IEnumerable<MemoryKey> Subkeys => _subkeys.Values;

    /// <summary>The values in insertion order.</summary>
    public IReadOnlyList<RegistryValue> Values => Compacted();

    /// <inheritdoc />
    public override IEnumerable<RegistryKey> EnumerateSubkeys() => _subkeys.Values;

    /// <inheritdoc />
    public override IEnumerable<RegistryValue> EnumerateValues() => Compacted();

    /// <inheritdoc />
    public override RegistryKey? OpenSubkey(string name) => _subkeys.GetValueOrDefault(name);

    /// <summary>The direct subkey, or null.</summary>
    public MemoryKey? GetSubkey(string name) => _subkeys.GetValueOrDefault(name);

    /// <summary>Opens or creates each component of a path below this key.</summary>
    public MemoryKey CreateSubkeyPath(string path)
    {
        var key = this;
        foreach (string part in RegistryPath.Split(path))
        {
            key = key.CreateSubkey(part);
        }
        return key;
    }

    /// <summary>Opens or creates one direct subkey.</summary>
    public MemoryKey CreateSubkey(string name)
    {
        if (!_subkeys.TryGetValue(name, out var child))
        {
            child = new MemoryKey(name) { Parent = this };
            _subkeys.Add(name, child);
        }
        return child;
    }

    /// <summary>Removes a direct subkey and its whole tree; false when absent.</summary>
    public bool DeleteSubkey(string name)
    {
        if (_subkeys.Remove(name, out var child))
        {
            child.Parent = null;
            return true;
        }
        return false;
    }

    /// <summary>Sets a value, replacing one of the same name in place (keeping its position).</summary>
    public void SetValue(RegistryValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_valueIndex.TryGetValue(value.Name, out int i))
        {
            _values[i] = value;
        }
        else
        {
            _valueIndex[value.Name] = _values.Count;
            _values.Add(value);
        }
    }

    /// <summary>Removes a value; false when absent.</summary>
    public bool DeleteValue(string name)
    {
        if (!_valueIndex.Remove(name, out int i))
        {
            return false;
        }
        _values[i] = null;
        _gaps++;
        return true;
    }

    /// <inheritdoc />
    public override RegistryValue? GetValue(string name) => _valueIndex.TryGetValue(name, out int i) ? _values[i] : null;

    /// <summary>A deep copy of any key view into memory.</summary>
    public static MemoryKey CopyOf(RegistryKey source, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = new MemoryKey(name ?? source.Name)
        {
            LastWrite = source.LastWriteTime,
            Class = source.ClassName,
            Security = source.SecurityDescriptor,
        };
        foreach (var v in source.EnumerateValues())
        {
            // A copy keeps what the source holds, a damaged key's repeated name too; lookups find the first.
            copy._valueIndex.TryAdd(v.Name, copy._values.Count);
            copy._values.Add(v);
        }
        foreach (var sub in source.EnumerateSubkeys())
        {
            var child = CopyOf(sub);
            child.Parent = copy;
            copy._subkeys[child.Name] = child;
        }
        return copy;
    }

    private List<RegistryValue> Compacted()
    {
        if (_gaps > 0)
        {
            _values.RemoveAll(v => v is null);
            _valueIndex.Clear();
            for (int i = 0; i < _values.Count; i++)
            {
                _valueIndex.TryAdd(_values[i]!.Name, i);
            }
            _gaps = 0;
        }
        // No gaps remain, so every element is a value.
        return _values!;
    }
}

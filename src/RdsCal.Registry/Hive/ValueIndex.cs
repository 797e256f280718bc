namespace RdsCal.Registry.Hive;

/// <summary>
/// A key's values while it is edited: their vk offsets in stored order, found by name (Windows' case rule) in
/// O(1). A removed value leaves a gap that <see cref="Offsets"/> skips, so removing never shifts the list.
/// </summary>
internal sealed class ValueIndex
{
    private const uint Gap = 0xFFFFFFFF;
    private readonly List<uint> _offsets = [];
    private readonly Dictionary<string, int> _positions = new(RegistryName.Comparer);

    /// <summary>Adds a value read from the hive, in stored order.</summary>
    public void Load(string name, uint vk)
    {
        // A damaged list may name a value twice; the first one is the one Windows finds.
        _positions.TryAdd(name, _offsets.Count);
        _offsets.Add(vk);
    }

    /// <summary>Sets the value's cell: in place when the name exists (returning the old cell), else at the end.</summary>
    public uint? Replace(string name, uint vk)
    {
        if (_positions.TryGetValue(name, out int at))
        {
            uint old = _offsets[at];
            _offsets[at] = vk;
            return old;
        }
        _positions[name] = _offsets.Count;
        _offsets.Add(vk);
        return null;
    }

    /// <summary>Removes the value; returns its cell, or null when absent.</summary>
    public uint? Remove(string name)
    {
        if (!_positions.Remove(name, out int at))
        {
            return null;
        }
        uint old = _offsets[at];
        _offsets[at] = Gap;
        return old;
    }

    /// <summary>The value cells in stored order.</summary>
    public List<uint> Offsets() => _offsets.Where(o => o != Gap).ToList();
}

using RdsCal.Registry.Memory;

namespace RdsCal.Registry.Changes.Stores;

/// <summary>
/// Several stores under one root, routed by the first path component: a machine as <c>SYSTEM\…</c> and
/// <c>SOFTWARE\…</c>, each its own hive, .reg file or live key.
/// </summary>
public sealed class CompositeStore : IRegistryStore
{
    private readonly Dictionary<string, IRegistryStore> _parts;

    /// <summary>Creates the composite from named parts.</summary>
    public CompositeStore(IReadOnlyDictionary<string, IRegistryStore> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        _parts = new Dictionary<string, IRegistryStore>(parts, RegistryName.Comparer);
    }

    /// <inheritdoc />
    public string Label => string.Join(" + ", _parts.Select(p => $"{p.Key}: {p.Value.Label}"));

    /// <inheritdoc />
    public RegistryKey Root => new RootView(_parts);

    /// <summary>The parts, by name.</summary>
    public IReadOnlyDictionary<string, IRegistryStore> Parts => _parts;

    /// <summary>The part a path belongs to.</summary>
    public IRegistryStore? Part(string name) => _parts.GetValueOrDefault(name);

    /// <inheritdoc />
    public void CreateKey(string path) => Route(path, out string rest).CreateKey(rest);

    /// <inheritdoc />
    public void DeleteKey(string path) => Route(path, out string rest).DeleteKey(rest);

    /// <inheritdoc />
    public void SetValue(string keyPath, RegistryValue value) => Route(keyPath, out string rest).SetValue(rest, value);

    /// <inheritdoc />
    public void DeleteValue(string keyPath, string name) => Route(keyPath, out string rest).DeleteValue(rest, name);

    /// <inheritdoc />
    public IReadOnlyList<string> Commit() => _parts.Values.SelectMany(p => p.Commit()).ToList();

    private IRegistryStore Route(string path, out string rest)
    {
        var parts = RegistryPath.Split(path);
        if (parts.Length == 0 || !_parts.TryGetValue(parts[0], out var store))
        {
            throw new InvalidOperationException($"no store for '{path}' (this target holds {string.Join(", ", _parts.Keys)})");
        }
        rest = string.Join('\\', parts[1..]);
        return store;
    }

    private sealed class RootView(Dictionary<string, IRegistryStore> parts) : RegistryKey
    {
        public override string Name => string.Empty;

        public override int SubkeyCount => parts.Count;

        public override int ValueCount => 0;

        public override IEnumerable<RegistryKey> EnumerateSubkeys() => parts.Keys.Select(k => OpenSubkey(k)!);

        public override IEnumerable<RegistryValue> EnumerateValues() => [];

        public override RegistryKey? OpenSubkey(string name) => parts.TryGetValue(name, out var s) ? new Named(s.Root, name) : null;
    }

    /// <summary>A store's root shown under its part name.</summary>
    private sealed class Named(RegistryKey inner, string name) : RegistryKey
    {
        public override string Name => name;

        public override int SubkeyCount => inner.SubkeyCount;

        public override int ValueCount => inner.ValueCount;

        public override IEnumerable<RegistryKey> EnumerateSubkeys() => inner.EnumerateSubkeys();

        public override IEnumerable<RegistryValue> EnumerateValues() => inner.EnumerateValues();

        public override RegistryKey? OpenSubkey(string subName) => inner.OpenSubkey(subName);

        public override RegistryValue? GetValue(string valueName) => inner.GetValue(valueName);
    }
}

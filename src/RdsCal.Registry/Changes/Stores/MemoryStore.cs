using RdsCal.Registry.Memory;

namespace RdsCal.Registry.Changes.Stores;

/// <summary>A store over an in-memory tree: for tests, simulations, and .reg inputs.</summary>
public sealed class MemoryStore(MemoryKey root, string label = "memory") : IRegistryStore
{
    /// <inheritdoc />
    public string Label { get; } = label;

    /// <inheritdoc />
    public RegistryKey Root => root;

    /// <summary>The tree itself.</summary>
    public MemoryKey Tree => root;

    /// <inheritdoc />
    public void CreateKey(string path) => root.CreateSubkeyPath(path);

    /// <inheritdoc />
    public void DeleteKey(string path)
    {
        var parts = RegistryPath.Split(path);
        ((MemoryKey?)root.Open(string.Join('\\', parts[..^1])))?.DeleteSubkey(parts[^1]);
    }

    /// <inheritdoc />
    public void SetValue(string keyPath, RegistryValue value) => root.CreateSubkeyPath(keyPath).SetValue(value);

    /// <inheritdoc />
    public void DeleteValue(string keyPath, string name) => ((MemoryKey?)root.Open(keyPath))?.DeleteValue(name);

    /// <inheritdoc />
    public IReadOnlyList<string> Commit() => [];
}

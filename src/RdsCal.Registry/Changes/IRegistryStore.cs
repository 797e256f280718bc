namespace RdsCal.Registry.Changes;

/// <summary>
/// A registry a change set can be applied to: it can be read (for preconditions) and written, and it makes
/// the writes durable in <see cref="Commit"/>. Paths are relative to <see cref="Root"/>.
/// </summary>
public interface IRegistryStore
{
    /// <summary>What this store is, for messages and the journal (a file path, "live", "memory").</summary>
    string Label { get; }

    /// <summary>The current state, as read now.</summary>
    RegistryKey Root { get; }

    /// <summary>Creates a key and missing parents.</summary>
    void CreateKey(string path);

    /// <summary>Deletes a key tree.</summary>
    void DeleteKey(string path);

    /// <summary>Sets a value (the key exists).</summary>
    void SetValue(string keyPath, RegistryValue value);

    /// <summary>Deletes a value.</summary>
    void DeleteValue(string keyPath, string name);

    /// <summary>Makes the changes durable (saves a hive, writes a file); returns what to tell the user.</summary>
    IReadOnlyList<string> Commit();
}

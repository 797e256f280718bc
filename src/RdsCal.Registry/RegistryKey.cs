namespace RdsCal.Registry;

/// <summary>
/// A read-only view of one registry key, whatever it comes from: a hive file, a .reg file, the live
/// registry or memory. Lookups by name follow Windows' case rule (<see cref="RegistryName"/>).
/// </summary>
public abstract class RegistryKey
{
    /// <summary>The key's own name (the last component of its path); empty for a hive root.</summary>
    public abstract string Name { get; }

    /// <summary>When the key was last written, when the source records it.</summary>
    public virtual DateTimeOffset? LastWriteTime => null;

    /// <summary>The key's class name, when it has one.</summary>
    public virtual string? ClassName => null;

    /// <summary>The self-relative security descriptor, when the source records it.</summary>
    public virtual ReadOnlyMemory<byte>? SecurityDescriptor => null;

    /// <summary>The number of subkeys.</summary>
    public abstract int SubkeyCount { get; }

    /// <summary>The number of values.</summary>
    public abstract int ValueCount { get; }

    /// <summary>The subkeys, in the source's order (sorted by Windows' rule for hives).</summary>
    public abstract IEnumerable<RegistryKey> EnumerateSubkeys();

    /// <summary>The values, in the source's order (insertion order for hives).</summary>
    public abstract IEnumerable<RegistryValue> EnumerateValues();

    /// <summary>The direct subkey with this name, or null.</summary>
    public abstract RegistryKey? OpenSubkey(string name);

    /// <summary>The value with this name (empty for the default value), or null.</summary>
    public virtual RegistryValue? GetValue(string name)
    {
        foreach (var v in EnumerateValues())
        {
            if (RegistryName.NamesEqual(v.Name, name))
            {
                return v;
            }
        }
        return null;
    }

    /// <summary>The key at a backslash-separated path below this one, or null when any part is missing.</summary>
    public RegistryKey? Open(string path)
    {
        RegistryKey? key = this;
        foreach (string part in RegistryPath.Split(path))
        {
            key = key.OpenSubkey(part);
            if (key is null)
            {
                return null;
            }
        }
        return key;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

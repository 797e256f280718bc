using RdsCal.Registry.Memory;

namespace RdsCal.Registry.RegText;

/// <summary>A parsed .reg file: its dialect and its statements in order.</summary>
public sealed class RegTextDocument
{
    internal RegTextDocument(RegTextFormat format, IReadOnlyList<RegTextEntry> entries)
    {
        Format = format;
        Entries = entries;
    }

    /// <summary>The dialect of the header.</summary>
    public RegTextFormat Format { get; }

    /// <summary>The statements in file order.</summary>
    public IReadOnlyList<RegTextEntry> Entries { get; }

    /// <summary>
    /// Builds the tree the file describes, below <paramref name="prefix"/> (matched by Windows' case rule, a root
    /// key's two spellings such as HKLM and HKEY_LOCAL_MACHINE alike; keys outside it are ignored). Deletions remove what earlier statements created.
    /// </summary>
    public MemoryKey ToTree(string prefix = "")
    {
        var root = new MemoryKey();
        ApplyTo(root, prefix);
        return root;
    }

    /// <summary>Applies the statements to an in-memory tree, below <paramref name="prefix"/>.</summary>
    public void ApplyTo(MemoryKey root, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(prefix);
        string[] prefixParts = RegistryPath.Split(prefix);
        foreach (var e in Entries)
        {
            if (!RegistryRoot.TryStrip(e.KeyPath, prefixParts, out string[]? rel))
            {
                continue;
            }
            switch (e.Kind)
            {
                case RegTextEntryKind.Key:
                    CreatePath(root, rel);
                    break;
                case RegTextEntryKind.DeleteKey:
                    DeletePath(root, rel);
                    break;
                case RegTextEntryKind.SetValue:
                    CreatePath(root, rel).SetValue(e.Value!);
                    break;
                case RegTextEntryKind.DeleteValue:
                    OpenPath(root, rel)?.DeleteValue(e.ValueName!);
                    break;
            }
        }
    }

    /// <summary>
    /// The key path prefix all keys share (for example <c>HKEY_LOCAL_MACHINE\SYSTEM</c>), up to
    /// <paramref name="maxParts"/> components.
    /// </summary>
    public string CommonPrefix(int maxParts = 2)
    {
        string[]? common = null;
        foreach (var e in Entries)
        {
            var parts = RegistryPath.Split(e.KeyPath);
            if (common is null)
            {
                common = parts.Take(maxParts).ToArray();
                continue;
            }
            int n = 0;
            while (n < common.Length && n < parts.Length && RegistryName.NamesEqual(common[n], parts[n]))
            {
                n++;
            }
            common = common[..n];
        }
        return string.Join('\\', common ?? []);
    }

    private static MemoryKey CreatePath(MemoryKey root, string[] parts)
    {
        var key = root;
        foreach (string p in parts)
        {
            key = key.CreateSubkey(p);
        }
        return key;
    }

    private static MemoryKey? OpenPath(MemoryKey root, string[] parts)
    {
        MemoryKey? key = root;
        foreach (string p in parts)
        {
            key = key?.GetSubkey(p);
        }
        return key;
    }

    private static void DeletePath(MemoryKey root, string[] parts)
    {
        if (parts.Length == 0)
        {
            foreach (var child in root.Subkeys.ToList())
            {
                root.DeleteSubkey(child.Name);
            }
            return;
        }
        OpenPath(root, parts[..^1])?.DeleteSubkey(parts[^1]);
    }
}

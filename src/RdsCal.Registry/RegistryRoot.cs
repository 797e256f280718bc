namespace RdsCal.Registry;

/// <summary>
/// The names of the registry's root keys as files spell them: <c>HKEY_LOCAL_MACHINE</c> or its abbreviation
/// <c>HKLM</c>, and so on. Every comparison of a path's first component goes through here, so an export that
/// says <c>HKLM\SYSTEM</c> and one that says <c>HKEY_LOCAL_MACHINE\SYSTEM</c> are read alike.
/// </summary>
public static class RegistryRoot
{
    /// <summary>The full name of the local machine's root key.</summary>
    public const string LocalMachine = "HKEY_LOCAL_MACHINE";

    private static readonly (string Full, string Short)[] Roots =
    [
        (LocalMachine, "HKLM"),
        ("HKEY_CURRENT_USER", "HKCU"),
        ("HKEY_CLASSES_ROOT", "HKCR"),
        ("HKEY_USERS", "HKU"),
        ("HKEY_CURRENT_CONFIG", "HKCC"),
    ];

    /// <summary>The full name of a root key given by either spelling (any case), or null when it names no root key.</summary>
    public static string? FullName(string component)
    {
        ArgumentNullException.ThrowIfNull(component);
        foreach (var (full, abbreviation) in Roots)
        {
            if (RegistryName.NamesEqual(component, full) || RegistryName.NamesEqual(component, abbreviation))
            {
                return full;
            }
        }
        return null;
    }

    /// <summary>True when two path components are the same name, a root key's two spellings counting as one.</summary>
    public static bool SameComponent(string a, string b, bool first)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return RegistryName.NamesEqual(a, b) || first && FullName(a) is { } full && full == FullName(b);
    }

    /// <summary>
    /// The path below <c>HKEY_LOCAL_MACHINE</c> (for example <c>SYSTEM\Select</c>), or null when
    /// <paramref name="keyPath"/> is not under it or is the root itself.
    /// </summary>
    public static string? BelowLocalMachine(string keyPath)
    {
        var parts = RegistryPath.Split(keyPath);
        return parts.Length > 1 && FullName(parts[0]) == LocalMachine ? string.Join('\\', parts[1..]) : null;
    }

    /// <summary>True when <paramref name="keyPath"/> starts with <paramref name="prefix"/>, component by component (root spellings alike).</summary>
    public static bool IsUnder(string keyPath, string prefix) => TryStrip(keyPath, RegistryPath.Split(prefix), out _);

    /// <summary>The components of <paramref name="keyPath"/> after <paramref name="prefix"/>'s, when it starts with them.</summary>
    public static bool TryStrip(string keyPath, string[] prefix, out string[] relative)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var parts = RegistryPath.Split(keyPath);
        relative = [];
        if (parts.Length < prefix.Length)
        {
            return false;
        }
        for (int i = 0; i < prefix.Length; i++)
        {
            if (!SameComponent(parts[i], prefix[i], first: i == 0))
            {
                return false;
            }
        }
        relative = parts[prefix.Length..];
        return true;
    }
}

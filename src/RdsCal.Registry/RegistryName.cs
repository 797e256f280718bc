namespace RdsCal.Registry;

/// <summary>
/// Windows' rule for comparing key and value names: upper-case one UTF-16 code unit at a time with
/// the invariant table, then compare ordinally. There is no expansion, so <c>ß</c> stays <c>ß</c>
/// and sorts after <c>S</c>, exactly as subkey lists in real hives are ordered.
/// </summary>
public sealed class RegistryName : IComparer<string>, IEqualityComparer<string>
{
    /// <summary>The single shared comparer.</summary>
    public static RegistryName Comparer { get; } = new();

    private RegistryName()
    {
    }

    /// <summary>Upper-cases one code unit as the hive format does.</summary>
    public static char Upcase(char c) => c < 'a' ? c : c <= 'z' ? (char)(c - 32) : c < 128 ? c : char.ToUpperInvariant(c);

    /// <summary>Compares two names by Windows' rule.</summary>
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            int d = Upcase(a[i]) - Upcase(b[i]);
            if (d != 0)
            {
                return d;
            }
        }
        return a.Length - b.Length;
    }

    /// <summary>True when two names are the same by Windows' rule.</summary>
    public static bool NamesEqual(ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
        a.Length == b.Length && Compare(a, b) == 0;

    /// <summary>The <c>lh</c> hash of a name: H = 37·H + upcase(c) over its UTF-16 code units.</summary>
    public static uint Hash(ReadOnlySpan<char> name)
    {
        uint h = 0;
        foreach (char c in name)
        {
            h = unchecked((37 * h) + Upcase(c));
        }
        return h;
    }

    /// <inheritdoc />
    int IComparer<string>.Compare(string? x, string? y) =>
        x is null ? (y is null ? 0 : -1) : y is null ? 1 : Compare(x, y);

    /// <inheritdoc />
    public bool Equals(string? x, string? y) =>
        x is null ? y is null : y is not null && NamesEqual(x, y);

    /// <inheritdoc />
    public int GetHashCode(string obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return (int)Hash(obj);
    }
}

using RdsCal.Registry;

namespace RdsCal.Tests;

/// <summary>
/// A tree flattened to comparable facts: one string per key path and one per (key path, value name, kind,
/// data bytes). Two trees are equal when their fact sets are equal.
/// </summary>
internal static class TreeFacts
{
    public static (HashSet<string> Keys, HashSet<string> Values) Flatten(RegistryKey root)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var values = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<(RegistryKey Key, string Path)>();
        stack.Push((root, string.Empty));
        while (stack.Count > 0)
        {
            var (key, path) = stack.Pop();
            keys.Add(path.ToUpperInvariant());
            foreach (var v in key.EnumerateValues())
            {
                values.Add(ValueFact(path, v));
            }
            foreach (var sub in key.EnumerateSubkeys())
            {
                stack.Push((sub, path + "\\" + sub.Name));
            }
        }
        return (keys, values);
    }

    public static string ValueFact(string path, RegistryValue v) =>
        $"{path.ToUpperInvariant()}|{v.Name.ToUpperInvariant()}|{(uint)v.Kind}|{Convert.ToHexString(v.Span)}";
}

namespace RdsCal.Registry.Changes;

/// <summary>Compares key trees by Windows' name rule and exact value bytes.</summary>
internal static class TreeComparer
{
    /// <summary>The first difference between two trees, or null when equal.</summary>
    public static string? Difference(RegistryKey expected, RegistryKey actual, string path)
    {
        var a = expected.EnumerateValues().ToList();
        var b = actual.EnumerateValues().ToList();
        if (a.Count != b.Count)
        {
            return $"key {path} has {b.Count} value(s), expected {a.Count}";
        }
        foreach (var v in a)
        {
            var w = actual.GetValue(v.Name);
            if (w is null || w.Kind != v.Kind || !w.Span.SequenceEqual(v.Span))
            {
                return $"value {path}\\{(v.IsDefault ? "@" : v.Name)} changed";
            }
        }
        var subA = expected.EnumerateSubkeys().ToList();
        if (subA.Count != actual.SubkeyCount)
        {
            return $"key {path} has {actual.SubkeyCount} subkey(s), expected {subA.Count}";
        }
        foreach (var s in subA)
        {
            var t = actual.OpenSubkey(s.Name);
            if (t is null)
            {
                return $"key {path}\\{s.Name} is missing";
            }
            if (Difference(s, t, RegistryPath.Combine(path, s.Name)) is { } d)
            {
                return d;
            }
        }
        return null;
    }

    public static int Count(RegistryKey key) => 1 + key.EnumerateSubkeys().Sum(Count);
}

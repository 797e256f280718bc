namespace RdsCal.Registry;

/// <summary>Splits and joins backslash-separated key paths.</summary>
public static class RegistryPath
{
    /// <summary>The components of a path, ignoring empty ones (leading, trailing or doubled separators).</summary>
    public static string[] Split(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Split('\\', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Joins two paths with one separator.</summary>
    public static string Combine(string parent, string child) =>
        parent.Length == 0 ? child : child.Length == 0 ? parent : parent + "\\" + child;
}

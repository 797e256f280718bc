using System.Globalization;

namespace RdsCal.Registry;

/// <summary>Names for new files (backups, change scripts) that never replace an existing file.</summary>
internal static class UniqueFileName
{
    /// <summary><paramref name="path"/> if no file has it, else the first free <c>NAME-2.EXT</c>, <c>NAME-3.EXT</c>, ….</summary>
    public static string For(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return path;
        }
        string dir = Path.GetDirectoryName(path) ?? ".";
        string name = Path.GetFileNameWithoutExtension(path);
        string ext = Path.GetExtension(path);
        for (int i = 2; ; i++)
        {
            string candidate = Path.Combine(dir, $"{name}-{i.ToString(CultureInfo.InvariantCulture)}{ext}");
            if (!File.Exists(candidate))
            {
                return candidate;
            }
        }
    }
}

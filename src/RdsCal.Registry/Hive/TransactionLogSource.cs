namespace RdsCal.Registry.Hive;

/// <summary>A transaction log's bytes and the name to report it by.</summary>
/// <param name="Name">Path or label used in diagnostics.</param>
/// <param name="Data">The whole log file.</param>
public sealed record TransactionLogSource(string Name, byte[] Data);

/// <summary>Finds a hive's transaction logs beside it.</summary>
public static class TransactionLogFiles
{
    private static readonly string[] Suffixes = [".LOG", ".LOG1", ".LOG2"];

    /// <summary>NAME.LOG, NAME.LOG1 and NAME.LOG2 beside the hive, matched in any letter case, in that order.</summary>
    public static IReadOnlyList<string> FindBeside(string hivePath)
    {
        ArgumentNullException.ThrowIfNull(hivePath);
        string full = Path.GetFullPath(hivePath);
        string dir = Path.GetDirectoryName(full) ?? ".";
        string name = Path.GetFileName(full);
        var found = new List<string>();
        string[] entries;
        try
        {
            entries = Directory.GetFiles(dir);
        }
        catch (IOException)
        {
            return found;
        }
        catch (UnauthorizedAccessException)
        {
            return found;
        }
        foreach (string suffix in Suffixes)
        {
            string? match = entries.FirstOrDefault(e => string.Equals(Path.GetFileName(e), name + suffix, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                found.Add(match);
            }
        }
        return found;
    }
}

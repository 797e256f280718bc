namespace RdsCal.Licensing.Fleet;

/// <summary>What kind of input a fleet host comes from.</summary>
public enum FleetInputKind
{
    /// <summary>A folder holding the host's SYSTEM and/or SOFTWARE (hive, .reg, gzip) and any .pol files.</summary>
    MachineFolder,
    /// <summary>A <c>rdscal status --json</c> report.</summary>
    StatusJson,
    /// <summary>Something that is neither: reported as an unreadable host.</summary>
    Foreign,
}

/// <summary>One host to read: its name, where it is, and what kind of input it is.</summary>
/// <param name="Name">The folder or file name (a report's computer name replaces it once read).</param>
/// <param name="Path">The folder or file.</param>
/// <param name="Kind">How to read it.</param>
/// <param name="Problem">Why it cannot be read, for foreign or unlistable inputs.</param>
public sealed record FleetInput(string Name, string Path, FleetInputKind Kind, string? Problem = null)
{
    /// <summary>
    /// The file a collected host folder holds (<c>COLLECTION/HOST/status.json</c>, as the Ansible playbook fetches
    /// it): its <c>status --json</c> report, or the placeholder left for a host that did not answer
    /// (<see cref="StatusJsonReader"/>). The host is filed under the folder's name.
    /// </summary>
    public const string CollectedReportName = "status.json";

    /// <summary>
    /// Expands the paths a user gave into hosts, in a stable order: a <c>.json</c> file is one host; a
    /// folder holding SYSTEM, SOFTWARE or .pol files is one host; any other folder holds one host per
    /// subfolder and per <c>.json</c> file (hidden entries skipped). Anything else becomes a foreign host,
    /// so that it is reported and the run goes on. Folders are listed lazily, one at a time.
    /// </summary>
    public static IEnumerable<FleetInput> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (string path in paths)
        {
            foreach (var input in ExpandOne(path))
            {
                yield return input;
            }
        }
    }

    private static IEnumerable<FleetInput> ExpandOne(string path)
    {
        string name = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(path));
        if (File.Exists(path))
        {
            yield return Classify(new FileInfo(path));
            yield break;
        }
        if (!Directory.Exists(path))
        {
            yield return new FleetInput(name, path, FleetInputKind.Foreign, "no such file or folder");
            yield break;
        }
        List<FileSystemInfo> entries;
        string? problem = null;
        try
        {
            var dir = new DirectoryInfo(path);
            if (MachineFolderReader.HoldsMachineFiles(dir) || IsCollectedHost(dir))
            {
                entries = [dir];
            }
            else
            {
                // Names only: a few dozen bytes per host, so the listing stays small next to what reading costs.
                entries = [.. dir.EnumerateFileSystemInfos()
                    .Where(e => !e.Name.StartsWith('.'))
                    .OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
                    .ThenBy(e => e.Name, StringComparer.Ordinal)];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            entries = [];
            problem = $"cannot list the folder: {e.Message}";
        }
        if (problem is not null)
        {
            yield return new FleetInput(name, path, FleetInputKind.Foreign, problem);
            yield break;
        }
        foreach (var entry in entries)
        {
            yield return entry is DirectoryInfo d
                ? IsCollectedHost(d)
                    ? new FleetInput(d.Name, System.IO.Path.Combine(d.FullName, CollectedReportName), FleetInputKind.StatusJson)
                    : new FleetInput(d.Name, d.FullName, FleetInputKind.MachineFolder)
                : Classify((FileInfo)entry);
        }
    }

    // Hives win over a report beside them: a machine folder that also holds a status.json is still read from its hives.
    private static bool IsCollectedHost(DirectoryInfo dir) =>
        File.Exists(System.IO.Path.Combine(dir.FullName, CollectedReportName)) && !MachineFolderReader.HoldsMachineFiles(dir);

    private static FleetInput Classify(FileInfo file) =>
        file.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase)
            ? new FleetInput(System.IO.Path.GetFileNameWithoutExtension(file.Name), file.FullName, FleetInputKind.StatusJson)
            : new FleetInput(file.Name, file.FullName, FleetInputKind.Foreign, "not a machine folder or a status JSON report (.json)");
}

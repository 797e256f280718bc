using RdsCal.Licensing.Sources;

namespace RdsCal.Licensing.Fleet;

/// <summary>Reads one machine folder: SYSTEM and/or SOFTWARE (hive, .reg or gzipped, found by name) and its .pol files.</summary>
public static class MachineFolderReader
{
    /// <summary>True when the folder itself holds a machine's files (rather than one subfolder per machine).</summary>
    public static bool HoldsMachineFiles(DirectoryInfo folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return folder.EnumerateFiles().Any(f => HiveName(f) is not null || f.Extension.Equals(".pol", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads and diagnoses the machine.</summary>
    /// <exception cref="InvalidDataException">The folder holds none of the files.</exception>
    /// <exception cref="RdsCal.Registry.RegistryFormatException">A file is malformed.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static StatusReport Read(string folder)
    {
        var files = new DirectoryInfo(folder).GetFiles();
        string? Find(string hive) => files
            .Where(f => string.Equals(HiveName(f), hive, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Extension.Length)
            .Select(f => f.FullName)
            .FirstOrDefault();
        string? system = Find("SYSTEM"), software = Find("SOFTWARE");
        var policies = files.Where(f => f.Extension.Equals(".pol", StringComparison.OrdinalIgnoreCase)).Select(f => f.FullName).Order(StringComparer.Ordinal).ToList();
        if (system is null && software is null && policies.Count == 0)
        {
            throw new InvalidDataException($"{folder}: no SYSTEM, SOFTWARE or .pol file in the folder");
        }
        using var machine = MachineRegistry.Open(system, software, policies);
        return StatusReport.Create(machine);
    }

    private static string? HiveName(FileInfo f)
    {
        string stem = Path.GetFileNameWithoutExtension(f.Name);
        bool hiveLike = f.Extension.Length == 0 || f.Extension.Equals(".reg", StringComparison.OrdinalIgnoreCase) || f.Extension.Equals(".gz", StringComparison.OrdinalIgnoreCase);
        if (!hiveLike)
        {
            return null;
        }
        // SYSTEM.reg.gz: the stem of a gzipped export still carries .reg.
        if (stem.EndsWith(".reg", StringComparison.OrdinalIgnoreCase))
        {
            stem = stem[..^4];
        }
        return stem.Equals("SYSTEM", StringComparison.OrdinalIgnoreCase) || stem.Equals("SOFTWARE", StringComparison.OrdinalIgnoreCase) ? stem : null;
    }
}

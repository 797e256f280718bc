using RdsCal.Registry;
using RdsCal.Registry.Changes;
using RdsCal.Registry.Changes.Stores;
using RdsCal.Registry.Hive;

namespace RdsCal.Licensing.Sources;

/// <summary>
/// A machine opened for changes: a writable store whose root holds <c>SYSTEM</c> and <c>SOFTWARE</c>, built
/// from hive files (edited in place, atomically, with backups) or .reg exports (left untouched; the change is
/// written to a .reg script to import on that machine).
/// </summary>
public static class MachineTarget
{
    /// <summary>
    /// Opens the given files as a store; <paramref name="changeScript"/> receives changes to .reg inputs, written by
    /// <paramref name="scriptOutput"/>'s rules (by default only as a new file). The inputs themselves are never
    /// the script, whatever the options say. A hive that fails verification is refused unless <paramref name="force"/>.
    /// </summary>
    /// <exception cref="CorruptTargetException">A hive fails verification and <paramref name="force"/> is false.</exception>
    public static CompositeStore Open(string? systemPath, string? softwarePath, string changeScript, HiveSaveOptions? save = null, bool force = false, OutputOptions? scriptOutput = null)
    {
        var parts = new Dictionary<string, IRegistryStore>(StringComparer.OrdinalIgnoreCase);
        scriptOutput ??= OutputOptions.NewFileOnly;
        var inputs = scriptOutput.Inputs.Concat(new[] { systemPath, softwarePath }.OfType<string>()).ToList();
        var script = new RegChangeScript(changeScript, scriptOutput with { Inputs = inputs });
        foreach (var (hive, path) in new[] { ("SYSTEM", systemPath), ("SOFTWARE", softwarePath) })
        {
            if (path is null)
            {
                continue;
            }
            parts[hive] = RegistryInput.Detect(path) == RegistryInputKind.Hive
                ? new HiveStore(path, save, force)
                : FromRegFile(path, hive, script);
        }
        return new CompositeStore(parts);
    }

    private static RegChangeStore FromRegFile(string path, string hive, RegChangeScript script)
    {
        using var source = RegistrySource.Open(path, hive);
        // A .reg export (plain or gzipped) reads into memory; a gzipped hive does not, and it cannot be
        // changed in place either.
        return source.Root is Registry.Memory.MemoryKey tree
            ? new RegChangeStore(tree, path, $"HKEY_LOCAL_MACHINE\\{hive}", script)
            : throw new NotSupportedException($"{path}: a compressed hive cannot be changed; decompress it and give the hive itself");
    }
}

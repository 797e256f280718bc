using RdsCal.Licensing.Live;
using RdsCal.Licensing.Sources;
using RdsCal.Registry;
using RdsCal.Registry.Changes;

namespace RdsCal.Licensing.Changes;

/// <summary>
/// Where a machine's registry is: hive files or .reg exports (any of SYSTEM, SOFTWARE, Group Policy Registry.pol
/// files, SECURITY), or, with none of them, the live registry of the machine rdscal runs on. Two targets that are not
/// a whole machine are changed through the same journalled path: one hive file on its own (<see cref="HivePath"/>,
/// what <c>import</c> writes) and a Group Policy template folder (<see cref="GpoFolder"/>, what <c>gpo set</c> writes).
/// </summary>
/// <param name="SystemPath">The SYSTEM hive or .reg export, or null.</param>
/// <param name="SoftwarePath">The SOFTWARE hive or .reg export, or null.</param>
public sealed record MachineLocation(string? SystemPath, string? SoftwarePath)
{
    // How the journal records a live part (JournalEntry.Parts maps SYSTEM/SOFTWARE to a file path or this).
    private const string LivePart = "live";

    // The journal's part names for the targets that are not a whole machine.
    private const string HivePart = "HIVE";
    private const string HiveRootPart = "HIVEROOT";
    private const string GpoPart = "GPO";

    /// <summary>The live registry of this machine.</summary>
    public static MachineLocation Live { get; } = new(null, null);

    /// <summary>Registry.pol (Machine) files applied over SOFTWARE's policies, in GPO order (read-only inputs).</summary>
    public IReadOnlyList<string> PolicyFiles { get; init; } = [];

    /// <summary>The SECURITY hive or .reg export (domain membership), or null.</summary>
    public string? SecurityPath { get; init; }

    /// <summary>A hive file changed on its own (an import): change paths are relative to its root.</summary>
    public string? HivePath { get; init; }

    /// <summary>The .reg key path that stands for <see cref="HivePath"/>'s root (the import's prefix), used in its backups.</summary>
    public string HiveRoot { get; init; } = string.Empty;

    /// <summary>A Group Policy template folder (gpt.ini and Machine\Registry.pol): change paths are below HKLM, as the policy file's are.</summary>
    public string? GpoFolder { get; init; }

    /// <summary>A hive file on its own (an import's target).</summary>
    public static MachineLocation Hive(string path, string root) => new(null, null) { HivePath = path, HiveRoot = root };

    /// <summary>A Group Policy template folder (a <c>gpo set</c> target).</summary>
    public static MachineLocation Gpo(string folder) => new(null, null) { GpoFolder = folder };

    /// <summary>True when no input file is named: the live registry.</summary>
    public bool IsLive => SystemPath is null && SoftwarePath is null && SecurityPath is null && PolicyFiles.Count == 0 && HivePath is null && GpoFolder is null;

    /// <summary>The .reg path of the store root, for backups: HKLM for a machine and a GPO, the import's prefix for a hive.</summary>
    internal string RegRoot => HivePath is not null ? HiveRoot : RegistryRoot.LocalMachine;

    /// <summary>
    /// Opens the machine for reading.
    /// </summary>
    /// <exception cref="LiveRegistryUnavailableException">The live registry was asked for off Windows.</exception>
    /// <exception cref="FileNotFoundException">A named file does not exist.</exception>
    /// <exception cref="RegistryFormatException">A file is corrupt or not a registry input of its role.</exception>
    public MachineRegistry Open()
    {
        if (IsLive)
        {
            return OperatingSystem.IsWindows() ? LiveMachine.Open() : throw new LiveRegistryUnavailableException();
        }
        foreach (string f in new[] { SystemPath, SoftwarePath, SecurityPath }.Concat(PolicyFiles).OfType<string>())
        {
            RequireExists(f);
        }
        return MachineRegistry.Open(SystemPath, SoftwarePath, PolicyFiles, SecurityPath);
    }

    /// <summary>The hive files among SYSTEM and SOFTWARE: the files a change writes (.reg inputs are never written).</summary>
    /// <exception cref="FileNotFoundException">A named file does not exist.</exception>
    public IReadOnlyList<string> HiveFiles()
    {
        var hives = new List<string>();
        foreach (string f in new[] { SystemPath, SoftwarePath }.OfType<string>())
        {
            RequireExists(f);
            if (RegistryInput.Detect(f) == RegistryInputKind.Hive)
            {
                hives.Add(FileNode.RealPath(f));
            }
        }
        return hives;
    }

    /// <summary>
    /// The files whose locks keep every other writer of this machine out for a whole change: its hive files, or
    /// for the live registry one machine-wide lock under ProgramData, so that writers with different journals
    /// (two administrators, or two --journal paths) cannot both plan from the same values. Live off Windows there
    /// is no registry to share, so nothing.
    /// </summary>
    /// <param name="liveLockPath">Another file for the machine-wide live lock (tests use one to stand in for a writer that is not rdscal).</param>
    public IReadOnlyList<string> LockTargets(string? liveLockPath = null)
    {
        if (HivePath is not null)
        {
            RequireExists(HivePath);
            // Checked as given before the link is followed, so a refusal names the file the user named.
            RegistryInput.EnsureFileTarget(Path.GetFullPath(HivePath));
            return [FileNode.RealPath(HivePath)];
        }
        if (GpoFolder is not null)
        {
            var (gpt, pol) = GroupPolicy.LicensingGpo.Files(GpoFolder);
            // The lock files live beside the two files, so their folders exist before anything is planned.
            Directory.CreateDirectory(Path.GetDirectoryName(pol)!);
            foreach (string file in new[] { gpt, pol })
            {
                RegistryInput.EnsureFileTarget(Path.GetFullPath(file));
            }
            return [FileNode.RealPath(gpt), FileNode.RealPath(pol)];
        }
        if (!IsLive)
        {
            return HiveFiles();
        }
        if (!OperatingSystem.IsWindows())
        {
            return [];
        }
        string target = liveLockPath ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "rdscal", "live-registry");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        return [target];
    }

    /// <summary>The parts a journal entry records, so that undo can reopen them.</summary>
    public IReadOnlyDictionary<string, string> ToJournalParts()
    {
        var parts = new Dictionary<string, string>();
        if (HivePath is not null)
        {
            parts[HivePart] = FileNode.RealPath(HivePath);
            parts[HiveRootPart] = HiveRoot;
            return parts;
        }
        if (GpoFolder is not null)
        {
            parts[GpoPart] = Path.GetFullPath(GpoFolder);
            return parts;
        }
        if (IsLive)
        {
            parts["SYSTEM"] = LivePart;
            parts["SOFTWARE"] = LivePart;
            return parts;
        }
        if (SystemPath is not null)
        {
            parts["SYSTEM"] = FileNode.RealPath(SystemPath);
        }
        if (SoftwarePath is not null)
        {
            parts["SOFTWARE"] = FileNode.RealPath(SoftwarePath);
        }
        return parts;
    }

    /// <summary>
    /// The machine a journal entry changed, with <paramref name="given"/>'s paths in place of the recorded ones
    /// (the files may have moved since).
    /// </summary>
    public static MachineLocation Of(JournalEntry entry, MachineLocation? given = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parts = entry.Parts ?? new Dictionary<string, string>();
        if (parts.TryGetValue(HivePart, out var hive))
        {
            return Hive(hive, parts.GetValueOrDefault(HiveRootPart) ?? string.Empty);
        }
        if (parts.TryGetValue(GpoPart, out var gpo))
        {
            return Gpo(gpo);
        }
        if (given is null or { IsLive: true } && parts.Values.Any(p => p == LivePart))
        {
            return Live;
        }
        return new MachineLocation(
            given?.SystemPath ?? (parts.TryGetValue("SYSTEM", out var s) && s != LivePart ? s : null),
            given?.SoftwarePath ?? (parts.TryGetValue("SOFTWARE", out var w) && w != LivePart ? w : null));
    }

    private static void RequireExists(string file)
    {
        if (!File.Exists(file) && !Directory.Exists(file))
        {
            throw new FileNotFoundException($"{Path.GetFullPath(file)}: no such file", Path.GetFullPath(file));
        }
    }
}

using RdsCal.Registry;
using RdsCal.Registry.Hive;
using RdsCal.Registry.RegText;

namespace RdsCal.Licensing.Sources;

/// <summary>
/// One machine hive (SYSTEM or SOFTWARE) as a key tree rooted at the hive root, with where it came from
/// and what the reader warned about. Opening detects the format by content, never by extension.
/// </summary>
public sealed class RegistrySource : IDisposable
{
    private readonly IDisposable? _owner;

    /// <summary>Wraps an already-open tree (for tests, the live registry, or memory).</summary>
    public RegistrySource(string hiveName, RegistrySourceKind kind, string label, RegistryKey root, IReadOnlyList<string>? warnings = null, bool maybeStale = false, IDisposable? owner = null)
    {
        HiveName = hiveName;
        Kind = kind;
        Label = label;
        Root = root;
        Warnings = warnings ?? [];
        MaybeStale = maybeStale;
        _owner = owner;
    }

    /// <summary><c>SYSTEM</c> or <c>SOFTWARE</c>.</summary>
    public string HiveName { get; }

    /// <summary>The kind of input.</summary>
    public RegistrySourceKind Kind { get; }

    /// <summary>The file path, or a label such as <c>live</c>.</summary>
    public string Label { get; }

    /// <summary>The hive root (its children are <c>Select</c>, <c>ControlSet001</c>, … for SYSTEM).</summary>
    public RegistryKey Root { get; }

    /// <summary>What the reader warned about (dirty hive, logs used or rejected).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when the data may be stale: a dirty hive read without its logs.</summary>
    public bool MaybeStale { get; }

    /// <summary>
    /// Opens a hive file or a .reg export of <paramref name="hiveName"/> (SYSTEM or SOFTWARE). A .reg must hold keys
    /// under <c>HKEY_LOCAL_MACHINE\hiveName</c> (or <c>HKLM\hiveName</c>).
    /// </summary>
    /// <exception cref="UnrecognizedInputException">The file is neither, or holds another hive.</exception>
    /// <exception cref="RegistryFormatException">The file is corrupt.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RegistrySource Open(string path, string hiveName) => Open(path, hiveName, RegistryInput.MaxDecompressedBytes);

    /// <summary>Opens a hive or .reg export as <see cref="Open(string, string)"/> does, with another cap on what a gzipped input may expand to.</summary>
    /// <exception cref="UnrecognizedInputException">The file is neither, holds another hive, or expands past <paramref name="maxDecompressed"/>.</exception>
    /// <exception cref="RegistryFormatException">The file is corrupt.</exception>
    public static RegistrySource Open(string path, string hiveName, long maxDecompressed)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(hiveName);
        var input = RegistryInput.Examine(path, maxDecompressed);
        return input.Decompressed is { } bytes
            ? From(input.Kind, path, hiveName, () => HiveFile.Load(bytes), () => RegTextReader.Parse(bytes))
            : From(input.Kind, path, hiveName, () => HiveFile.Open(path), () => RegTextReader.Load(path));
    }

    /// <summary>
    /// The SOFTWARE view with Group Policy Registry.pol files (Machine side) applied over its
    /// <c>Policies</c> key, in order, as the policy engine would write them. <paramref name="software"/> may
    /// be null: the view then holds only the policies.
    /// </summary>
    public static RegistrySource WithPolicyFiles(RegistrySource? software, IReadOnlyList<string> policyFiles)
    {
        ArgumentNullException.ThrowIfNull(policyFiles);
        var hklm = new Registry.Memory.MemoryKey();
        var policies = software?.Root.OpenSubkey("Policies");
        if (policies is not null)
        {
            var copy = Registry.Memory.MemoryKey.CopyOf(policies, "Policies");
            MoveInto(hklm.CreateSubkey("SOFTWARE"), copy);
        }
        foreach (string file in policyFiles)
        {
            Registry.Policy.PolicyFileReader.ApplyTo(Registry.Policy.PolicyFileReader.Load(file), hklm);
        }
        var merged = hklm.OpenSubkey("SOFTWARE")?.OpenSubkey("Policies") ?? new Registry.Memory.MemoryKey("Policies");
        RegistryKey root = software is null ? new Registry.Memory.MemoryKey() : software.Root;
        string label = string.Join(" + ", new[] { software?.Label }.Concat(policyFiles).OfType<string>());
        return new RegistrySource("SOFTWARE", software?.Kind ?? RegistrySourceKind.RegFile, label, new RegistryOverlay(root, "Policies", merged),
            software?.Warnings, software?.MaybeStale ?? false, software);
    }

    private static void MoveInto(Registry.Memory.MemoryKey parent, Registry.Memory.MemoryKey tree)
    {
        var target = parent.CreateSubkey(tree.Name);
        foreach (var v in tree.Values)
        {
            target.SetValue(v);
        }
        foreach (var sub in tree.Subkeys.ToList())
        {
            MoveInto(target, sub);
        }
    }

    private static RegistrySource From(RegistryInputKind kind, string path, string hiveName, Func<HiveFile> openHive, Func<RegTextDocument> readReg)
    {
        try
        {
            switch (kind)
            {
                case RegistryInputKind.Hive:
                    var hive = openHive();
                    var warnings = hive.Diagnostics.Select(d => d.ToString()).ToList();
                    bool stale = hive.Diagnostics.Any(d => d.Code == HiveDiagnosticCode.DirtyWithoutLogs);
                    return new RegistrySource(hiveName, RegistrySourceKind.HiveFile, path, hive.Root, warnings, stale, hive);
                case RegistryInputKind.RegText:
                    var doc = readReg();
                    string prefix = $"{RegistryRoot.LocalMachine}\\{hiveName}";
                    if (!doc.Entries.Any(e => RegistryRoot.IsUnder(e.KeyPath, prefix)))
                    {
                        string found = doc.CommonPrefix();
                        throw new UnrecognizedInputException(path,
                            $"this .reg file holds no keys under {prefix}{(found.Length > 0 ? $" (its keys are under {found})" : string.Empty)}");
                    }
                    return new RegistrySource(hiveName, RegistrySourceKind.RegFile, path, doc.ToTree(prefix));
                case RegistryInputKind.PolicyFile:
                    throw new UnrecognizedInputException(path, "this is a Group Policy Registry.pol file, not a SYSTEM or SOFTWARE hive or .reg export", RegistryInputKind.PolicyFile);
                default:
                    throw new UnrecognizedInputException(path, "not a registry hive (regf) or a .reg export (no 'regf' signature or regedit header)");
            }
        }
        catch (HiveFormatException e) when (e.FilePath is null)
        {
            throw e.WithFile(path);
        }
        catch (RegTextFormatException e) when (e.FilePath is null)
        {
            throw e.WithFile(path);
        }
    }

    /// <summary>Releases the underlying file, if any.</summary>
    public void Dispose() => _owner?.Dispose();
}

using RdsCal.Registry;

namespace RdsCal.Licensing.Sources;

/// <summary>
/// A machine's registry as licensing needs it: a SYSTEM and a SOFTWARE source, either of which may be
/// missing. The current control set comes from <c>SYSTEM\Select\Current</c>; ControlSet001 is never assumed.
/// </summary>
public sealed class MachineRegistry : IDisposable
{
    /// <summary>Creates a machine from its sources (SECURITY is optional: it only adds domain membership).</summary>
    public MachineRegistry(RegistrySource? system, RegistrySource? software, RegistrySource? security = null)
    {
        System = system;
        Software = software;
        Security = security;
        (ControlSetName, ControlSetProblem) = ResolveControlSet(system);
    }

    /// <summary>The SYSTEM hive, when given.</summary>
    public RegistrySource? System { get; }

    /// <summary>The SOFTWARE hive, when given.</summary>
    public RegistrySource? Software { get; }

    /// <summary>The SECURITY hive (domain membership), when given.</summary>
    public RegistrySource? Security { get; }

    /// <summary>The current control set's key name (<c>ControlSet002</c>, or <c>CurrentControlSet</c> live), or null.</summary>
    public string? ControlSetName { get; }

    /// <summary>Why the control set could not be resolved, when it could not.</summary>
    public string? ControlSetProblem { get; }

    /// <summary>Opens files as SYSTEM, SOFTWARE and SECURITY sources (any path may be null), with Registry.pol files over SOFTWARE's policies.</summary>
    public static MachineRegistry Open(string? systemPath, string? softwarePath, IReadOnlyList<string>? policyFiles = null, string? securityPath = null)
    {
        RegistrySource? system = null, software = null;
        try
        {
            system = systemPath is null ? null : RegistrySource.Open(systemPath, "SYSTEM");
            software = softwarePath is null ? null : RegistrySource.Open(softwarePath, "SOFTWARE");
            if (policyFiles is { Count: > 0 })
            {
                software = RegistrySource.WithPolicyFiles(software, policyFiles);
            }
            var security = securityPath is null ? null : RegistrySource.Open(securityPath, "SECURITY");
            return new MachineRegistry(system, software, security);
        }
        catch
        {
            system?.Dispose();
            software?.Dispose();
            throw;
        }
    }

    /// <summary>A key under the current control set, e.g. <c>Control\Terminal Server</c>.</summary>
    public RegistryKey? ControlSetKey(string relative) =>
        System is null || ControlSetName is null ? null : System.Root.Open(RegistryPath.Combine(ControlSetName, relative));

    /// <summary>The Windows path of a key under the current control set, for evidence.</summary>
    public string ControlSetPath(string relative) =>
        $"HKLM\\SYSTEM\\{ControlSetName ?? "CurrentControlSet"}\\{relative}";

    /// <summary>A key under SOFTWARE, or null.</summary>
    public RegistryKey? SoftwareKey(string relative) => Software?.Root.Open(relative);

    /// <summary>The machine as one tree: <c>SYSTEM</c> and <c>SOFTWARE</c> under a root (the layout change sets use).</summary>
    public RegistryKey Root
    {
        get
        {
            return new MachineRoot(System?.Root, Software?.Root);
        }
    }

    /// <summary>Releases the sources.</summary>
    public void Dispose()
    {
        System?.Dispose();
        Software?.Dispose();
        Security?.Dispose();
    }

    private static (string? Name, string? Problem) ResolveControlSet(RegistrySource? system)
    {
        if (system is null)
        {
            return (null, "no SYSTEM source was given");
        }
        if (system.Kind == RegistrySourceKind.Live && system.Root.OpenSubkey("CurrentControlSet") is not null)
        {
            return ("CurrentControlSet", null);
        }
        var current = system.Root.Open("Select")?.GetValue("Current");
        if (current is null)
        {
            return (null, "SYSTEM\\Select\\Current is missing, so the current control set is unknown");
        }
        if (current.AsDWord() is not { } n || n == 0 || n > 999)
        {
            return (null, $"SYSTEM\\Select\\Current is {current.Kind.ToWindowsName()} of {current.Data.Length} bytes, not a control set number");
        }
        string name = $"ControlSet{n:000}";
        return system.Root.OpenSubkey(name) is null
            ? (null, $"SYSTEM\\Select\\Current names {name}, which does not exist")
            : (name, null);
    }

    private sealed class MachineRoot(RegistryKey? system, RegistryKey? software) : RegistryKey
    {
        public override string Name => string.Empty;

        public override int SubkeyCount => (system is null ? 0 : 1) + (software is null ? 0 : 1);

        public override int ValueCount => 0;

        public override IEnumerable<RegistryKey> EnumerateSubkeys() => new[] { OpenSubkey("SYSTEM"), OpenSubkey("SOFTWARE") }.OfType<RegistryKey>();

        public override IEnumerable<RegistryValue> EnumerateValues() => [];

        public override RegistryKey? OpenSubkey(string name) =>
            RegistryName.NamesEqual(name, "SYSTEM") ? system : RegistryName.NamesEqual(name, "SOFTWARE") ? software : null;
    }
}

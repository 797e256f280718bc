using System.Runtime.Versioning;
using RdsCal.Licensing.Sources;
using RdsCal.Registry.Live;

namespace RdsCal.Licensing.Live;

/// <summary>The running Windows machine's registry, read-only.</summary>
[SupportedOSPlatform("windows")]
public static class LiveMachine
{
    /// <summary>Opens HKLM\SYSTEM and HKLM\SOFTWARE of this machine read-only.</summary>
    public static MachineRegistry Open()
    {
        var system = LiveRegistryKey.OpenLocalMachine("SYSTEM");
        var software = LiveRegistryKey.OpenLocalMachine("SOFTWARE");
        return new MachineRegistry(
            new RegistrySource("SYSTEM", RegistrySourceKind.Live, "live", system, owner: system),
            new RegistrySource("SOFTWARE", RegistrySourceKind.Live, "live", software, owner: software));
    }
}

using RdsCal.Licensing.Sources;
using RdsCal.Registry;

namespace RdsCal.Licensing.Snapshot;

public static partial class SnapshotReader
{
    /// <summary>The machine being read plus what reading it has noticed.</summary>
    private sealed class Context(MachineRegistry machine)
    {
        public MachineRegistry Machine { get; } = machine;

        public List<UnexpectedValue> Unexpected { get; } = [];

        public string SystemLabel => Machine.System?.Label ?? "SYSTEM";

        public string SoftwareLabel => Machine.Software?.Label ?? "SOFTWARE";

        public void Unexpect(string path, RegistryValue v, string expected) =>
            Unexpected.Add(new UnexpectedValue(new Provenance(path, path.StartsWith("HKLM\\SOFTWARE", StringComparison.Ordinal) ? SoftwareLabel : SystemLabel),
                $"{v.Kind.ToWindowsName()} of {v.Data.Length} bytes", expected));

        public RegistryValue? SoftwareValue(string keyPath, string name) => Machine.SoftwareKey(keyPath)?.GetValue(name);

        /// <summary>A policy DWORD, or null when absent; a value of the wrong kind is recorded and ignored.</summary>
        public (uint Value, Provenance From)? PolicyDWord(string name)
        {
            var v = SoftwareValue(LicensingPaths.Policy, name);
            string path = $"HKLM\\SOFTWARE\\{LicensingPaths.Policy}\\{name}";
            return Dword(v, path, SoftwareLabel);
        }

        /// <summary>A DWORD under the current control set, or null.</summary>
        public (uint Value, Provenance From)? SystemDWord(string keyPath, string name)
        {
            var v = Machine.ControlSetKey(keyPath)?.GetValue(name);
            return Dword(v, Machine.ControlSetPath(keyPath) + "\\" + name, SystemLabel);
        }

        private (uint Value, Provenance From)? Dword(RegistryValue? v, string path, string label)
        {
            if (v is null)
            {
                return null;
            }
            if (v.Kind != RegistryValueKind.DWord || v.AsDWord() is not { } n)
            {
                Unexpect(path, v, "REG_DWORD of 4 bytes");
                return null;
            }
            return (n, new Provenance(path, label));
        }
    }
}

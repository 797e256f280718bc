using RdsCal.Licensing.Snapshot;
using RdsCal.Licensing.Sources;
using RdsCal.Registry;
using RdsCal.Registry.Memory;

namespace RdsCal.Licensing.Tests;

/// <summary>Builds in-memory SYSTEM and SOFTWARE trees for rule tests.</summary>
internal sealed class TestMachine
{
    public MemoryKey System { get; } = new();
    public MemoryKey Software { get; } = new();
    public bool HasSoftware { get; set; } = true;

    public TestMachine(int currentControlSet = 1)
    {
        System.CreateSubkeyPath("Select").SetValue(RegistryValue.FromDWord("Current", (uint)currentControlSet));
        ControlSet = System.CreateSubkeyPath($"ControlSet{currentControlSet:000}");
    }

    public MemoryKey ControlSet { get; }

    public static TestMachine SessionHost()
    {
        var m = new TestMachine();
        m.ControlSet.CreateSubkeyPath(@"Control\ProductOptions").SetValue(RegistryValue.FromString("ProductType", "ServerNT"));
        m.Software.CreateSubkeyPath(LicensingPaths.RdsRole).SetValue(RegistryValue.FromDWord("InstallState", 1));
        return m;
    }

    public TestMachine Mode(uint raw)
    {
        ControlSet.CreateSubkeyPath(LicensingPaths.LicensingCore).SetValue(RegistryValue.FromDWord("LicensingMode", raw));
        return this;
    }

    public TestMachine Servers(params string[] names)
    {
        ControlSet.CreateSubkeyPath(LicensingPaths.LicenseServers).SetValue(RegistryValue.FromMultiString("SpecifiedLicenseServers", names));
        return this;
    }

    public TestMachine Policy(RegistryValue value)
    {
        Software.CreateSubkeyPath(LicensingPaths.Policy).SetValue(value);
        return this;
    }

    public TestMachine Domain(string domain)
    {
        ControlSet.CreateSubkeyPath(LicensingPaths.TcpipParameters).SetValue(RegistryValue.FromString("Domain", domain));
        return this;
    }

    public LicensingSnapshot Snapshot()
    {
        var machine = new MachineRegistry(
            new RegistrySource("SYSTEM", RegistrySourceKind.RegFile, "test-system", System),
            HasSoftware ? new RegistrySource("SOFTWARE", RegistrySourceKind.RegFile, "test-software", Software) : null);
        return SnapshotReader.Read(machine);
    }
}

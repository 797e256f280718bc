using System.Buffers.Binary;
using System.Text;
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
    public MemoryKey? Security { get; private set; }
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

    /// <summary>The Windows build and product name, as HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion holds them.</summary>
    public TestMachine Version(string build, string productName)
    {
        var key = Software.CreateSubkeyPath(LicensingPaths.CurrentVersion);
        key.SetValue(RegistryValue.FromString("CurrentBuild", build));
        key.SetValue(RegistryValue.FromString("ProductName", productName));
        return this;
    }

    /// <summary>The computer name the SYSTEM hive holds.</summary>
    public TestMachine Named(string computerName)
    {
        ControlSet.CreateSubkeyPath(@"Control\ComputerName\ComputerName").SetValue(RegistryValue.FromString("ComputerName", computerName));
        return this;
    }

    /// <summary>A SECURITY hive whose LSA policy names a primary domain (a SID) or a workgroup (no SID), as Windows stores them.</summary>
    public TestMachine Membership(string name, byte[] sid)
    {
        Security = new MemoryKey();
        byte[] text = Encoding.Unicode.GetBytes(name);
        byte[] unicodeString = new byte[8 + text.Length + 2];
        BinaryPrimitives.WriteUInt16LittleEndian(unicodeString, (ushort)text.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(unicodeString.AsSpan(2), (ushort)(text.Length + 2));
        BinaryPrimitives.WriteUInt32LittleEndian(unicodeString.AsSpan(4), 8);
        text.CopyTo(unicodeString, 8);
        Security.CreateSubkeyPath(@"Policy\PolPrDmN").SetValue(new RegistryValue(string.Empty, RegistryValueKind.None, unicodeString));
        Security.CreateSubkeyPath(@"Policy\PolPrDmS").SetValue(new RegistryValue(string.Empty, RegistryValueKind.None, sid));
        return this;
    }

    /// <summary>S-1-5-21-1-2-3 in binary form.</summary>
    public static byte[] DomainSid => [1, 4, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0];

    public MachineRegistry Machine() => new(
        new RegistrySource("SYSTEM", RegistrySourceKind.RegFile, "test-system", System),
        HasSoftware ? new RegistrySource("SOFTWARE", RegistrySourceKind.RegFile, "test-software", Software) : null,
        Security is null ? null : new RegistrySource("SECURITY", RegistrySourceKind.RegFile, "test-security", Security));

    public LicensingSnapshot Snapshot() => SnapshotReader.Read(Machine());
}

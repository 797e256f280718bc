using RdsCal.Licensing.Snapshot;
using RdsCal.Licensing.Sources;
using RdsCal.Registry;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests;

/// <summary>Domain membership comes from the SECURITY hive's LSA policy; the DNS suffix is only a hint.</summary>
public class DomainMembershipTests
{
    [TestDataFact]
    public void The_real_SECURITY_hive_of_a_workgroup_machine_reads_as_workgroup()
    {
        using var machine = MachineRegistry.Open(null, null, null, TestData.Real("regipy", "SECURITY"));
        var s = SnapshotReader.Read(machine);
        var m = s.Host.Membership;
        Assert.NotNull(m);
        Assert.False(m.Joined);
        Assert.Equal("WORKGROUP", m.Name);
        Assert.Null(m.Sid);
        Assert.Equal(@"HKLM\SECURITY\Policy\PolPrDmN", m.From.Path);
        Assert.False(s.Host.IsDomainJoined);
        Assert.EndsWith("SECURITY", s.SecuritySource, StringComparison.Ordinal);
        // The hive is dirty and no logs are beside it: the report says its data may be stale.
        Assert.Contains(s.DataQuality, q => q.StartsWith("SECURITY", StringComparison.Ordinal) && q.Contains("dirty", StringComparison.Ordinal));
    }

    [Fact]
    public void A_domain_SID_means_joined_and_the_name_and_SID_are_decoded()
    {
        var s = TestMachine.SessionHost().Membership("CORP", TestMachine.DomainSid).Snapshot();
        Assert.True(s.Host.IsDomainJoined);
        Assert.Equal("CORP", s.Host.Membership!.Name);
        Assert.Equal("S-1-5-21-1-2-3", s.Host.Membership.Sid);
    }

    [Fact]
    public void Without_SECURITY_membership_is_unknown_whatever_the_DNS_suffix_says()
    {
        var s = TestMachine.SessionHost().Domain("corp.example.com").Snapshot();
        Assert.Null(s.Host.IsDomainJoined);
        Assert.Null(s.Host.Membership);
        Assert.Equal("corp.example.com", s.Host.Domain);
    }

    [Fact]
    public void A_damaged_or_foreign_SECURITY_hive_leaves_membership_unknown_and_says_why()
    {
        var m = TestMachine.SessionHost().Membership("CORP", [1, 4, 0]);
        var s = m.Snapshot();
        Assert.Null(s.Host.IsDomainJoined);
        Assert.Contains(s.DataQuality, q => q.Contains(@"Policy\PolPrDmS is 3 bytes, not a SID", StringComparison.Ordinal));
        var notSecurity = new MachineRegistry(null, null, new RegistrySource("SECURITY", RegistrySourceKind.RegFile, "other", new Registry.Memory.MemoryKey()));
        Assert.Contains(SnapshotReader.Read(notSecurity).DataQuality, q => q.Contains("is it a SECURITY hive?", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_whose_offset_points_outside_the_value_is_rejected()
    {
        Assert.Null(DomainMembershipReaderProbe.DecodeName([0x12, 0, 0x14, 0, 0x40, 0, 0, 0, 0x57, 0]));
        Assert.Equal("W", DomainMembershipReaderProbe.DecodeName([2, 0, 4, 0, 8, 0, 0, 0, 0x57, 0, 0, 0]));
    }

    /// <summary>The decoder is internal; this reaches it through a SECURITY tree like the real one.</summary>
    private static class DomainMembershipReaderProbe
    {
        public static string? DecodeName(byte[] data)
        {
            var security = new Registry.Memory.MemoryKey();
            security.CreateSubkeyPath(@"Policy\PolPrDmN").SetValue(new RegistryValue(string.Empty, RegistryValueKind.None, data));
            security.CreateSubkeyPath(@"Policy\PolPrDmS").SetValue(new RegistryValue(string.Empty, RegistryValueKind.None, []));
            var s = SnapshotReader.Read(new MachineRegistry(null, null, new RegistrySource("SECURITY", RegistrySourceKind.RegFile, "probe", security)));
            return s.Host.Membership?.Name;
        }
    }
}

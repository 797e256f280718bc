using RdsCal.Registry.Hive;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests.Hive;

/// <summary>
/// Hives made hostile from real ones (a subkey list pointing back at an ancestor or at itself, free cells of
/// absurd sizes): every walk ends, within a bound the harness enforces, with the damage named.
/// </summary>
public class HostileHiveTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>UnicodeHive and a key under its root whose subkeys are a leaf.</summary>
    private static (byte[] Bytes, uint Root, uint Key, string KeyName, string FirstChild) Subject()
    {
        byte[] bytes = TestData.Bytes(TestData.Real("yarp", "UnicodeHive"));
        using var hive = HiveFile.Load(bytes);
        var key = hive.Root.Subkeys().First(k => k.SubkeyCount > 0);
        return (bytes, hive.Root.CellOffset, key.CellOffset, key.Name, key.Subkeys().First().Name);
    }

    [TestDataFact]
    public void Verify_ends_on_a_subkey_list_that_points_back_at_the_root()
    {
        var (bytes, root, key, _, _) = Subject();
        byte[] hostile = HostileHive.WithSubkeyEntry(bytes, key, root);
        var problems = Bounded.Run("UnicodeHive with a cycle", Limit, () => HiveVerifier.Verify(hostile));
        Assert.Contains($"key node at 0x{root:X}: listed again under 0x{key:X}: the subkey lists form a cycle or share a key; not walked twice", problems);
    }

    [TestDataFact]
    public void Verify_ends_on_a_key_that_lists_itself()
    {
        var (bytes, _, key, _, _) = Subject();
        byte[] hostile = HostileHive.WithSubkeyEntry(bytes, key, key);
        var problems = Bounded.Run("UnicodeHive with a self-loop", Limit, () => HiveVerifier.Verify(hostile));
        Assert.Contains($"key node at 0x{key:X}: listed again under 0x{key:X}: the subkey lists form a cycle or share a key; not walked twice", problems);
    }

    [TestDataFact]
    public void Reading_skips_the_looping_entry_and_keeps_every_other_key()
    {
        var (bytes, root, key, keyName, firstChild) = Subject();
        byte[] hostile = HostileHive.WithSubkeyEntry(bytes, key, root);
        using var original = HiveFile.Load(bytes);
        var (expected, _) = TreeFacts.Flatten(original.Root);
        string lost = $"\\{keyName}\\{firstChild}".ToUpperInvariant();
        Assert.Equal(1, expected.RemoveWhere(k => k == lost || k.StartsWith(lost + "\\", StringComparison.Ordinal)));
        using var hive = HiveFile.Load(hostile);
        var (keys, _) = Bounded.Run("UnicodeHive with a cycle", Limit, () => TreeFacts.Flatten(hive.Root));
        Assert.Equal(expected.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        var skipped = Assert.Single(hive.Diagnostics);
        Assert.Equal(HiveDiagnosticCode.SubkeySkipped, skipped.Code);
        Assert.Contains($"key node 0x{root:X} listed under '{keyName}' was skipped: it is that key or one above it", skipped.Message, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void An_out_of_order_subkey_list_is_reported_once_however_often_it_is_read()
    {
        byte[] bytes = TestData.Bytes(TestData.Scenario("legacy-shapes", "SYSTEM"));
        const string path = @"ControlSet001\Services\TermService\Parameters\LicenseServers";
        uint key;
        using (var original = HiveFile.Load(bytes))
        {
            key = ((HiveKey)original.Root.Open(path)!).CellOffset;
        }
        using var hive = HiveFile.Load(HostileHive.WithFirstSubkeysSwapped(bytes, key));
        for (int read = 0; read < 3; read++)
        {
            Assert.Equal(["SpecifiedLicenseServers", "lic-old.contoso.com"], ((HiveKey)hive.Root.Open(path)!).Subkeys().Select(k => k.Name));
        }
        var outOfOrder = Assert.Single(hive.Diagnostics);
        Assert.Equal(HiveDiagnosticCode.SubkeysOutOfOrder, outOfOrder.Code);
        Assert.Equal("subkeys of 'LicenseServers' are out of order ('SpecifiedLicenseServers' before 'lic-old.contoso.com'): Windows may not find some of them", outOfOrder.Message);
    }

    [TestDataFact]
    public void Deleting_a_looping_tree_is_refused_as_damage_not_a_stack_overflow()
    {
        var (bytes, root, key, keyName, _) = Subject();
        var editor = HiveEditor.Load(HostileHive.WithSubkeyEntry(bytes, key, root));
        var e = Bounded.Run("UnicodeHive with a cycle", Limit, () => Assert.Throws<HiveFormatException>(() => editor.DeleteKey(keyName)));
        Assert.Equal(HiveError.BadRecord, e.Error);
    }

    [TestDataTheory]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0x80000000u)]
    public void Recover_scans_past_an_absurd_free_cell_size(uint size)
    {
        byte[] bytes = TestData.Bytes(TestData.Real("yarp", "DeletedDataHive"));
        using var original = HiveFile.Load(bytes);
        var all = DeletedRecordScanner.Scan(original);
        using var hive = HiveFile.Load(HostileHive.WithFreeCellSize(bytes, size));
        var found = Bounded.Run($"DeletedDataHive with a free cell of size 0x{size:X}", Limit, () => DeletedRecordScanner.Scan(hive));
        // The damaged cell ends the scan of its bin; nothing is invented, and the tail is still scanned.
        Assert.Subset(all.Keys.Select(k => k.CellOffset).ToHashSet(), found.Keys.Select(k => k.CellOffset).ToHashSet());
        Assert.Subset(all.Values.Select(v => v.CellOffset).ToHashSet(), found.Values.Select(v => v.CellOffset).ToHashSet());
    }
}

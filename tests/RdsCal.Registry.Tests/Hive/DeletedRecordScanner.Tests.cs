using RdsCal.Registry.Hive;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests.Hive;

/// <summary>yarp's test hives state what deleted data each holds.</summary>
public class DeletedRecordScannerTests
{
    [TestDataFact]
    public void Finds_a_deleted_key_and_its_values_in_free_cells()
    {
        using var hive = HiveFile.Open(TestData.Real("yarp", "DeletedDataHive"));
        var found = DeletedRecordScanner.Scan(hive);
        var key = Assert.Single(found.Keys);
        Assert.Equal("456", key.Name);
        var v = Assert.Single(found.Values, x => x.Value.Name == "v");
        Assert.Equal("456", v.KeyPath);
        Assert.Equal("123456", v.Value.AsString());
        Assert.Equal("resident", v.DataState);
        Assert.Contains(found.Values, x => x.Value.Name == "v2" && x.Value.AsString() == "456");
    }

    [TestDataFact]
    public void Rebuilds_the_paths_of_a_deleted_subtree()
    {
        using var hive = HiveFile.Open(TestData.Real("yarp", "DeletedTreeHive"));
        var paths = DeletedRecordScanner.Scan(hive).Keys.Select(k => k.Path).ToList();
        Assert.Contains(@"1\2\3", paths);
        Assert.Contains(@"1\2\3\4", paths);
        Assert.Contains(@"1\2\3\4\5", paths);
        Assert.Contains(@"1\2\3\4\New Key #1", paths);
    }

    [TestDataFact]
    public void Finds_a_value_remnant_after_the_hive_bins_data()
    {
        using var hive = HiveFile.Open(TestData.Real("yarp", "RemnantsHive"));
        var v = Assert.Single(DeletedRecordScanner.Scan(hive).Values);
        Assert.True(v.Value.IsDefault);
        Assert.Equal(RegistryValueKind.DWord, v.Value.Kind);
        Assert.Equal(1u, v.Value.AsDWord());
    }

    [TestDataFact]
    public void A_clean_hive_without_deletions_yields_nothing_and_damaged_ones_never_crash()
    {
        using (var empty = HiveFile.Open(TestData.Real("yarp", "EmptyHive")))
        {
            var none = DeletedRecordScanner.Scan(empty);
            Assert.Empty(none.Keys);
            Assert.Empty(none.Values);
        }
        byte[] seed = TestData.Bytes(TestData.Real("yarp", "DeletedTreeHive"))[..8192];
        var mutator = new Mutator(5);
        for (int i = 0; i < 2000; i++)
        {
            try
            {
                using var h = HiveFile.Load(mutator.Mutate(seed));
                DeletedRecordScanner.Scan(h);
            }
            catch (RegistryFormatException)
            {
            }
        }
    }
}

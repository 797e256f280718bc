using RdsCal.Registry.Hive;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests.Hive;

/// <summary>What we read must match what independent implementations read (hivex, reglookup).</summary>
[Trait("Category", "Slow")]
public class HiveFileCrossCheckTests
{
    // Every clean hive made by Windows in the test set. Left out of the hivex comparison only:
    // BogusKeyNamesHive (hivexregedit prints its CR, LF and NUL key names raw, so its .reg cannot be parsed)
    // and System_Delta (hivex fails on its layered-key tombstone values: "value_value: Bad address").
    public static TheoryData<string> CleanHives => new()
    {
        "yarp/BogusKeyNamesHive", "yarp/System_Delta",
    };

    public static TheoryData<string> CleanHivesForHivex => new()
    {
        "yarp/BigDataHive", "yarp/CompHive", "yarp/DeletedDataHive", "yarp/DeletedTreeHive", "yarp/EmptyHive",
        "yarp/ExtendedASCIIHive", "yarp/HealedHive", "yarp/ManySubkeysHive", "yarp/MultiSzHive", "yarp/NewFlagsHive",
        "yarp/OffHive", "yarp/RemnantsHive", "yarp/SlackHive", "yarp/StringValuesHive",
        "yarp/TwoOwnersHive", "yarp/UnicodeHive", "yarp/UpcaseHive", "yarp/ValuesOrderHive",
        "yarp/NewDirtyHive1/RecoveredHive_Windows10", "regipy/BCD", "regipy/SAM", "regipy/NTUSER.DAT",
        "regipy/NTUSER-WSL.DAT", "regipy/SYSTEM.gz", "hivex/minimal", "hivex/special",
    };

    [ToolTheory("hivexregedit")]
    [MemberData(nameof(CleanHivesForHivex))]
    public void Our_reading_equals_hivexregedit_export(string name)
    {
        string path = Local(name);
        var theirs = Hivex.Export(path);
        using var ours = HiveFile.Open(path);
        var a = TreeFacts.Flatten(ours.Root);
        var b = TreeFacts.Flatten(theirs);
        Assert.Equal(b.Keys.Count, a.Keys.Count);
        Assert.Empty(b.Keys.Except(a.Keys));
        Assert.Equal(b.Values.Count, a.Values.Count);
        Assert.Empty(b.Values.Except(a.Values));
    }

    [ToolTheory("reglookup")]
    [MemberData(nameof(CleanHives))]
    [MemberData(nameof(CleanHivesForHivex))]
    public void Key_and_value_counts_equal_reglookups(string name)
    {
        string path = Local(name);
        var (exit, stdout, stderr) = ExternalTool.Run("reglookup", "-H", path);
        Assert.True(exit == 0, stderr);
        int keys = 0, values = 0;
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Split(',')[1] == "KEY")
            {
                keys++;
            }
            else
            {
                values++;
            }
        }
        using var ours = HiveFile.Open(path);
        var facts = TreeFacts.Flatten(ours.Root);
        Assert.Equal(keys, facts.Keys.Count);
        Assert.Equal(values, facts.Values.Count);
    }

    [ToolFact("regfexport")]
    public void Regfexport_reads_the_same_number_of_keys()
    {
        string path = Local("regipy/NTUSER.DAT");
        var (_, stdout, _) = ExternalTool.Run("regfexport", path);
        int keys = stdout.Split('\n').Count(l => l.StartsWith("Key path", StringComparison.Ordinal));
        using var ours = HiveFile.Open(path);
        Assert.Equal(keys, TreeFacts.Flatten(ours.Root).Keys.Count);
    }

    /// <summary>A private copy (gunzipped) so the tools never see the read-only originals' folder state.</summary>
    private static string Local(string name) => TestData.CopyToTemp(TestData.Real(name.Split('/')));
}

using System.Diagnostics;
using System.Text;
using RdsCal.Registry.Hive;
using RdsCal.Registry.Memory;
using RdsCal.Registry.Policy;
using RdsCal.Registry.RegText;

namespace RdsCal.Registry.Tests;

/// <summary>
/// Work that must be linear, timed at 200,000 items against 5,000 (40 times as many): a linear cost gives a
/// ratio near 40, a quadratic one near 1,600. The bound, 800, leaves room for garbage collection at the large
/// size and a busy shared machine (ratios up to 381 were seen in a full parallel run) and still fails on
/// anything quadratic. The tests run alone, not beside other tests. The absolute speeds are in
/// docs/benchmarks.md.
/// </summary>
[Collection(nameof(ScalingTests))]
[CollectionDefinition(nameof(ScalingTests), DisableParallelization = true)]
public class ScalingTests
{
    private const int Small = 5_000;
    private const int Large = 200_000;
    private const double Bound = 800;

    /// <summary>A .reg file of <paramref name="n"/> sibling keys with one value each, as import reads it.</summary>
    internal static string SiblingKeys(int n)
    {
        var sb = new StringBuilder("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\Bulk]\r\n\r\n");
        for (int i = 0; i < n; i++)
        {
            sb.Append("[HKEY_LOCAL_MACHINE\\SYSTEM\\Bulk\\Key").Append(i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture)).Append("]\r\n");
            sb.Append("\"V\"=dword:").Append(i.ToString("x8", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        }
        return sb.ToString();
    }

    /// <summary>What <c>rdscal import</c> does, in process: parse, then create each key and set each value.</summary>
    internal static byte[] Import(string reg)
    {
        var doc = RegTextReader.Parse(reg);
        var editor = HiveEditor.CreateEmpty();
        foreach (var e in doc.Entries)
        {
            string rel = string.Join('\\', RegistryPath.Split(e.KeyPath).Skip(2));
            editor.CreateKey(rel);
            if (e.Kind == RegTextEntryKind.SetValue)
            {
                editor.SetValue(rel, e.Value!);
            }
        }
        return editor.ToArray();
    }

    private static byte[] ManyValuesPolicy(int n) => PolicyFileWriter.Write(Enumerable.Range(0, n).Select(i =>
        new PolicyEntry(@"Software\Policies\Bulk", $"V{i}", RegistryValueKind.DWord, BitConverter.GetBytes(i), 0)));

    private static void ApplyPolicy(byte[] pol, int n)
    {
        var root = new MemoryKey();
        PolicyFileReader.ApplyTo(PolicyFileReader.Parse(pol), root);
        Assert.Equal(n, root.Open(@"Software\Policies\Bulk")!.ValueCount);
    }

    private static double Seconds(Action work)
    {
        var sw = Stopwatch.StartNew();
        work();
        return sw.Elapsed.TotalSeconds;
    }

    /// <summary>The small case is timed after a warm-up, best of three, so start-up costs do not hide a quadratic large case.</summary>
    private static void AssertLinear(string what, Action small, Action large)
    {
        small();
        double s = Enumerable.Range(0, 3).Min(_ => Seconds(small));
        double l = Seconds(large);
        double ratio = l / Math.Max(s, 1e-3);
        Assert.True(ratio < Bound, $"{what}: {Large:N0} items took {l:N2} s, {ratio:N0} times {Small:N0} items ({s:N3} s); linear would be about {Large / Small}");
    }

    [Fact]
    public void Importing_sibling_keys_is_linear()
    {
        string small = SiblingKeys(Small), large = SiblingKeys(Large);
        AssertLinear("import", () => Import(small), () =>
        {
            using var hive = HiveFile.Load(Import(large));
            Assert.Equal(Large, hive.Root.Open("Bulk")!.SubkeyCount);
        });
    }

    [Fact]
    public void Applying_a_registry_pol_with_many_values_in_one_key_is_linear()
    {
        byte[] small = ManyValuesPolicy(Small), large = ManyValuesPolicy(Large);
        AssertLinear("Registry.pol", () => ApplyPolicy(small, Small), () => ApplyPolicy(large, Large));
    }
}

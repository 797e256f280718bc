using System.Text;
using RdsCal.Registry.Memory;
using RdsCal.Registry.Policy;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests.Policy;

public class PolicyFileReaderTests
{
    [TestDataFact]
    public void Reads_every_real_GPMC_file_to_the_end_with_the_documented_counts()
    {
        var expected = new Dictionary<string, int>
        {
            ["ActivClient"] = 4,
            ["Adobe_Reader"] = 25,
            ["AppLocker"] = 24,
            ["Certificates"] = 65,
            ["Chrome"] = 45,
            ["Internet_Explorer"] = 134,
            ["Windows_Firewall"] = 24,
            ["Windows_User"] = 3,
        };
        foreach (string file in Directory.GetFiles(TestData.Real("registry-pol", "nsacyber-shb")))
        {
            var entries = PolicyFileReader.Load(file);
            string name = Path.GetFileName(file);
            foreach (var (prefix, count) in expected)
            {
                if (name.StartsWith(prefix + "_", StringComparison.Ordinal) && !(prefix == "Windows_User" && !name.Contains("_User_registry", StringComparison.Ordinal)))
                {
                    Assert.Equal(count, entries.Count);
                }
            }
            Assert.Equal(PolicyFileWriter.Write(entries), File.ReadAllBytes(file));
        }
    }

    [TestDataFact]
    public void Special_names_delete_values_as_group_policy_does()
    {
        string chrome = Directory.GetFiles(TestData.Real("registry-pol", "nsacyber-shb"), "Chrome_*").Single();
        var entries = PolicyFileReader.Load(chrome);
        Assert.Contains(entries, e => e.Action == PolicyAction.DeleteValue);
        Assert.Contains(entries, e => e.Action == PolicyAction.DeleteAllValues);
        var root = new MemoryKey();
        PolicyFileReader.ApplyTo(entries, root);
        var deleted = entries.First(e => e.Action == PolicyAction.DeleteValue);
        Assert.Null(root.Open(deleted.KeyPath)?.GetValue(deleted.TargetName));
    }

    [Fact]
    public void Instructions_apply_in_order()
    {
        const string key = @"Software\Policies\Test";
        var bytes = PolicyFileWriter.Write(
        [
            new PolicyEntry(key, "a", RegistryValueKind.DWord, [1, 0, 0, 0], 0),
            new PolicyEntry(key, "b", RegistryValueKind.String, Encoding.Unicode.GetBytes("x\0"), 0),
            new PolicyEntry(key, "**del.a", RegistryValueKind.String, Encoding.Unicode.GetBytes(" \0"), 0),
            new PolicyEntry(key, "**soft.b", RegistryValueKind.String, Encoding.Unicode.GetBytes("ignored\0"), 0),
            new PolicyEntry(key, "**soft.c", RegistryValueKind.DWord, [3, 0, 0, 0], 0),
            new PolicyEntry(key + @"\Sub", string.Empty, RegistryValueKind.None, [], 0),
            new PolicyEntry(key, "**DeleteKeys", RegistryValueKind.String, Encoding.Unicode.GetBytes("Sub\0"), 0),
        ]);
        var root = new MemoryKey();
        PolicyFileReader.ApplyTo(PolicyFileReader.Parse(bytes), root);
        var k = root.Open(key)!;
        Assert.Null(k.GetValue("a"));
        Assert.Equal("x", k.GetValue("b")!.AsString());
        Assert.Equal(3u, k.GetValue("c")!.AsDWord());
        Assert.Null(k.OpenSubkey("Sub"));
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x52, 0x65 }, 0)]
    [InlineData(new byte[] { 0x50, 0x52, 0x65, 0x67, 2, 0, 0, 0 }, 4)]
    [InlineData(new byte[] { 0x50, 0x52, 0x65, 0x67, 1, 0, 0, 0, 0x28, 0 }, 8)]
    [InlineData(new byte[] { 0x50, 0x52, 0x65, 0x67, 1, 0, 0, 0, 0x5B, 0, 0x41, 0 }, 10)]
    public void Malformed_files_fail_with_the_byte_offset(byte[] data, long offset)
    {
        var e = Assert.Throws<PolicyFormatException>(() => PolicyFileReader.Parse(data));
        Assert.Equal(offset, e.Offset);
    }

    [Fact]
    public void Damaged_policy_files_read_or_fail_with_a_format_error()
    {
        byte[] seed = File.ReadAllBytes(Path.Combine(TestData.RepositoryRoot, "samples", "gpo-override", "Machine-registry.pol"));
        var mutator = new Mutator(99);
        int read = 0, rejected = 0;
        for (int i = 0; i < 3000; i++)
        {
            byte[] input = mutator.Mutate(seed);
            bool ok = RdsCal.Tests.Bounded.Run($"policy mutation {i}", TimeSpan.FromSeconds(10), () =>
            {
                try
                {
                    PolicyFileReader.ApplyTo(PolicyFileReader.Parse(input), new MemoryKey());
                    return true;
                }
                catch (PolicyFormatException)
                {
                    return false;
                }
            });
            (read, rejected) = ok ? (read + 1, rejected) : (read, rejected + 1);
        }
        // Seeded mutations: the split is fixed, and any other exception, hang or blow-up fails the run.
        Assert.Equal((ExpectedRead, ExpectedRejected), (read, rejected));
    }

    private const int ExpectedRead = 560;
    private const int ExpectedRejected = 2440;
}

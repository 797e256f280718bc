using RdsCal.Registry.RegText;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests.Hive;

/// <summary>
/// A seeded mutation loop over real hives and .reg files: every damaged input either reads or fails with a
/// <see cref="RegistryFormatException"/>; never another exception, a hang or a crash. (The long run is the
/// fuzz/RdsCal.Fuzz program; see docs/fuzzing.md.)
/// </summary>
[Trait("Category", "Slow")]
public class HiveFileMutationTests
{
    /// <summary>Each input's bound, enforced by the harness: a hang or a blow-up on one input fails the test.</summary>
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(10);

    private const int ExpectedRejectedHives = 866;
    private const int ExpectedReplayedLogs = 1072;
    private const int ExpectedRejectedLogs = 428;

    [TestDataFact]
    public void Damaged_hives_read_or_fail_with_a_format_error()
    {
        byte[][] seeds =
        [
            Trim(TestData.Bytes(TestData.Real("yarp", "UnicodeHive"))),
            Trim(TestData.Bytes(TestData.Real("yarp", "BigDataHive"))),
            Trim(TestData.Bytes(TestData.Real("yarp", "MultiSzHive"))),
            Trim(TestData.Bytes(TestData.Real("hivex", "special"))),
            Trim(TestData.Bytes(TestData.Real("yarp", "System_Delta"))),
        ];
        var mutator = new Mutator(12345);
        int rejected = 0;
        for (int i = 0; i < 3000; i++)
        {
            byte[] input = mutator.Mutate(seeds[i % seeds.Length]);
            rejected += Bounded.Run($"hive mutation {i}", PerInput, () =>
            {
                try
                {
                    HiveWalk.Everything(input);
                    return 0;
                }
                catch (RegistryFormatException)
                {
                    return 1;
                }
            });
        }
        // The mutations are seeded, so the outcome is fixed: a change in it is a change in what the reader accepts.
        Assert.Equal(ExpectedRejectedHives, rejected);
    }

    [TestDataFact]
    public void Damaged_transaction_logs_are_replayed_or_rejected_never_crash()
    {
        var cases = new[]
        {
            (Dir: "NewDirtyHive1", Hive: "NewDirtyHive", Logs: new[] { "NewDirtyHive.LOG1", "NewDirtyHive.LOG2" }),
            (Dir: "BadBaseBlockHive", Hive: "BadBaseBlockHive", Logs: new[] { "BadBaseBlockHive.LOG1" }),
        };
        var mutator = new Mutator(4242);
        var rng = new Random(4242);
        int replayed = 0, rejected = 0;
        for (int i = 0; i < 1500; i++)
        {
            var c = cases[i % cases.Length];
            byte[] hive = TestData.Bytes(TestData.Real("yarp", c.Dir, c.Hive));
            var logs = c.Logs.Select(l => new RdsCal.Registry.Hive.TransactionLogSource(l, TestData.Bytes(TestData.Real("yarp", c.Dir, l)))).ToList();
            int target = rng.Next(logs.Count + 1);
            if (target == logs.Count)
            {
                hive = mutator.Mutate(hive);
            }
            else
            {
                logs[target] = logs[target] with { Data = mutator.Mutate(logs[target].Data) };
            }
            bool recovered = Bounded.Run($"log mutation {i}", PerInput, () =>
            {
                try
                {
                    using var h = RdsCal.Registry.Hive.HiveFile.Load(hive, logs);
                    TreeFacts.Flatten(h.Root);
                    return h.WasRecovered;
                }
                catch (RegistryFormatException)
                {
                    rejected++;
                    return false;
                }
            });
            replayed += recovered ? 1 : 0;
        }
        Assert.Equal((ExpectedReplayedLogs, ExpectedRejectedLogs), (replayed, rejected));
    }

    [Fact]
    public void Damaged_reg_files_read_or_fail_with_a_line_and_column()
    {
        byte[] seed = File.ReadAllBytes(Path.Combine(TestData.RepositoryRoot, "samples", "gpo-override", "SOFTWARE.reg"));
        var mutator = new Mutator(777);
        for (int i = 0; i < 2000; i++)
        {
            byte[] input = mutator.Mutate(seed);
            try
            {
                RegTextReader.Parse(input).ToTree();
            }
            catch (RegTextFormatException e)
            {
                Assert.True(e.Line >= 1 && e.Column >= 1, e.Message);
            }
        }
    }

    private static byte[] Trim(byte[] b) => b[..(int)Math.Min(b.Length, 4096 + BitConverter.ToUInt32(b, 40))];
}

[Trait("Category", "Slow")]
public class HiveEditorMutationTests
{
    /// <summary>
    /// Editing a damaged hive either works or stops with a typed error before anything is saved; it never
    /// crashes with an index or null error.
    /// </summary>
    [TestDataFact]
    public void Editing_damaged_hives_fails_cleanly()
    {
        byte[][] seeds =
        [
            TestData.Bytes(TestData.Real("yarp", "UnicodeHive"))[..8192],
            TestData.Bytes(TestData.Real("yarp", "MultiSzHive"))[..8192],
            TestData.Bytes(TestData.Real("hivex", "special")),
        ];
        var mutator = new Mutator(31337);
        int edited = 0;
        for (int i = 0; i < 3000; i++)
        {
            byte[] input = mutator.Mutate(seeds[i % seeds.Length]);
            try
            {
                var editor = RdsCal.Registry.Hive.HiveEditor.Load(input);
                editor.CreateKey(@"rdscal\test");
                editor.SetValue(@"rdscal\test", RegistryValue.FromDWord("v", 1));
                using var h = RdsCal.Registry.Hive.HiveFile.Load(editor.ToArray());
                foreach (var k in h.Root.EnumerateSubkeys())
                {
                    editor.DeleteKey(k.Name);
                }
                editor.ToArray();
                edited++;
            }
            catch (Exception e) when (e is RegistryFormatException or KeyNotFoundException or (ArgumentException and not ArgumentOutOfRangeException))
            {
            }
        }
        Assert.True(edited > 0);
    }
}

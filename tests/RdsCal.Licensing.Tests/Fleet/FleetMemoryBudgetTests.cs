using System.IO.Compression;
using RdsCal.Licensing.Fleet;
using RdsCal.Licensing.Rules;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests.Fleet;

/// <summary>The fleet read holds a fixed budget of input bytes at once, whatever the parallelism.</summary>
public class FleetMemoryBudgetTests
{
    [Fact]
    public void A_take_that_does_not_fit_waits_until_the_bytes_are_given_back()
    {
        var budget = new FleetMemoryBudget(100);
        var first = budget.Take(70);
        using var taken = new ManualResetEventSlim();
        var second = TakeOnAnotherThread(budget, 40, taken);

        Assert.False(taken.Wait(TimeSpan.FromMilliseconds(300)), "40 more bytes fitted into a budget of 100 holding 70");
        Assert.Equal(70, budget.InUse);
        first.Dispose();
        Assert.True(taken.Wait(TimeSpan.FromSeconds(10)), "the waiting take did not go on once the bytes were given back");
        second.Join();
        Assert.Equal(0, budget.InUse);
    }

    [Fact]
    public void A_host_larger_than_the_whole_budget_is_read_alone_instead_of_never()
    {
        var budget = new FleetMemoryBudget(100);
        using var taken = new ManualResetEventSlim();
        Thread small;
        using (budget.Take(1_000))
        {
            Assert.Equal(100, budget.InUse);
            small = TakeOnAnotherThread(budget, 1, taken);
            Assert.False(taken.Wait(TimeSpan.FromMilliseconds(300)), "a host was read beside one that takes the whole budget");
        }
        Assert.True(taken.Wait(TimeSpan.FromSeconds(10)), "the small host was not read after the large one");
        small.Join();
        Assert.Equal(0, budget.InUse);
        budget.Take(1_000).Dispose();
    }

    /// <summary>Takes the bytes on a thread of its own, signals, and gives them back.</summary>
    private static Thread TakeOnAnotherThread(FleetMemoryBudget budget, long bytes, ManualResetEventSlim taken)
    {
        var thread = new Thread(() =>
        {
            using (budget.Take(bytes))
            {
                taken.Set();
            }
        })
        {
            IsBackground = true,
        };
        thread.Start();
        return thread;
    }

    [Fact]
    public void A_gzipped_file_costs_what_its_trailer_says_it_expands_to()
    {
        using var temp = new TempFolder();
        string folder = Directory.CreateDirectory(temp.File("host")).FullName;
        using (var gz = new GZipStream(File.Create(Path.Combine(folder, "SYSTEM.gz")), CompressionLevel.Fastest))
        {
            gz.Write(new byte[5_000_000]);
        }
        File.WriteAllBytes(Path.Combine(folder, "SOFTWARE"), new byte[1234]);

        long cost = FleetMemoryBudget.CostOf(new FleetInput("host", folder, FleetInputKind.MachineFolder));

        Assert.Equal(5_000_000 + 1234, cost);
    }

    [LinuxFact]
    public void A_fifo_in_a_machine_folder_costs_nothing_and_does_not_block_the_estimate()
    {
        using var temp = new TempFolder();
        string folder = Directory.CreateDirectory(temp.File("host")).FullName;
        using (var p = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(folder, "SYSTEM.gz")]))
        {
            p.WaitForExit();
        }

        long cost = Bounded.Run("SYSTEM.gz FIFO", TimeSpan.FromSeconds(10),
            () => FleetMemoryBudget.CostOf(new FleetInput("host", folder, FleetInputKind.MachineFolder)));

        Assert.Equal(0, cost);
    }

    [TestDataFact]
    public void Hosts_read_within_a_small_budget_come_back_complete_and_in_input_order()
    {
        var inputs = new[] { "healthy-peruser", "unconfigured", "legacy-shapes", "policy-overrides" }
            .Select(s => new FleetInput(s, Path.Combine(TestData.Root!, "scenarios", s), FleetInputKind.MachineFolder))
            .ToList();

        var unbounded = FleetReader.Read(inputs, 2, RemedyWording.Plain, long.MaxValue).Select(h => (h.Host, h.Error, h.Configuration)).ToList();
        var oneAtATime = FleetReader.Read(inputs, 2, RemedyWording.Plain, 1).Select(h => (h.Host, h.Error, h.Configuration)).ToList();

        Assert.Equal(inputs.Select(i => i.Name), oneAtATime.Select(h => h.Host));
        Assert.All(oneAtATime, h => Assert.Null(h.Error));
        Assert.Equal(unbounded, oneAtATime);
    }
}

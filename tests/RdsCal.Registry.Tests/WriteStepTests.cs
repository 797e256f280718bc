using RdsCal.Registry.Changes;
using RdsCal.Registry.Hive;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests;

/// <summary>
/// The libraries report their write steps to the installed observer and to nothing else: no environment variable is
/// read and nothing is printed (the CLI host installs the kill harness's hooks). The observer is process-wide, so each
/// test here watches only the steps its own thread takes, and the tests run one at a time.
/// </summary>
[Collection(nameof(WriteStepTests))]
[CollectionDefinition(nameof(WriteStepTests), DisableParallelization = true)]
public class WriteStepTests
{
    private sealed class ThreadObserver(Action<string> onStep) : IWriteStepObserver
    {
        private readonly int _thread = Environment.CurrentManagedThreadId;

        public void Reached(string step)
        {
            if (Environment.CurrentManagedThreadId == _thread)
            {
                onStep(step);
            }
        }
    }

    private static T Watching<T>(Action<string> onStep, Func<T> act)
    {
        var before = WriteStep.Observer;
        WriteStep.Observer = new ThreadObserver(onStep);
        try
        {
            return act();
        }
        finally
        {
            WriteStep.Observer = before;
        }
    }

    [TestDataFact]
    public void A_hive_save_reports_each_write_step_before_it_writes()
    {
        string path = TestData.CopyToTemp(TestData.Real("regipy", "SAM"));
        var editor = HiveEditor.Open(path);
        editor.SetValue("SAM", RegistryValue.FromDWord("changed", 1));
        var steps = new List<string>();
        Watching(steps.Add, () => editor.Save(path));
        Assert.Equal(["hive create", "hive write", "hive flush", "hive backup", "hive replace"], steps.Where(s => s.StartsWith("hive ", StringComparison.Ordinal)).Take(5));
    }

    [TestDataFact]
    public void An_observer_that_fails_a_step_leaves_the_old_hive_as_a_failed_write_would()
    {
        string path = TestData.CopyToTemp(TestData.Real("regipy", "SAM"));
        byte[] original = File.ReadAllBytes(path);
        var editor = HiveEditor.Open(path);
        editor.SetValue("SAM", RegistryValue.FromDWord("changed", 1));
        Assert.Throws<WriteFailedException>(() => Watching<HiveSaveResult>(s => { if (s == "hive write") { throw new IOException("injected"); } }, () => editor.Save(path)));
        Assert.Equal(original, File.ReadAllBytes(path));
    }

    [TestDataFact]
    public void The_library_reads_no_fault_injection_variable()
    {
        // RDSCAL_FAIL_AT=1 failed the first write step of any process when the hook lived in the library; now only
        // the CLI host reads it.
        string? before = Environment.GetEnvironmentVariable("RDSCAL_FAIL_AT");
        Environment.SetEnvironmentVariable("RDSCAL_FAIL_AT", "1");
        try
        {
            string path = TestData.CopyToTemp(TestData.Real("regipy", "SAM"));
            var editor = HiveEditor.Open(path);
            editor.SetValue("SAM", RegistryValue.FromDWord("changed", 1));
            editor.Save(path);
            using var h = HiveFile.Open(path);
            Assert.Equal(1u, h.Root.Open("SAM")!.GetValue("changed")!.AsDWord());
        }
        finally
        {
            Environment.SetEnvironmentVariable("RDSCAL_FAIL_AT", before);
        }
    }
}

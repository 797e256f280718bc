using RdsCal.Registry.Hive;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests.Hive;

public class HiveEditorSaveTests
{
    public static TheoryData<string> Steps => new() { "create", "write", "flush", "backup", "replace" };

    [TestDataTheory]
    [MemberData(nameof(Steps))]
    public void A_failure_at_any_step_leaves_the_complete_old_hive(string step)
    {
        string path = TestData.CopyToTemp(TestData.Real("regipy", "SAM"));
        byte[] original = File.ReadAllBytes(path);
        var editor = HiveEditor.Open(path);
        editor.SetValue("SAM", RegistryValue.FromDWord("changed", 1));
        var options = new HiveSaveOptions { BeforeStep = s => { if (s == step) { throw new IOException($"injected failure at {s}"); } } };
        var failure = Assert.Throws<WriteFailedException>(() => editor.Save(path, options));
        Assert.Contains("the hive was not changed", failure.Message, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(path));
        using (var h = HiveFile.Open(path))
        {
            Assert.Null(h.Root.Open("SAM")!.GetValue("changed"));
        }
        Assert.DoesNotContain(Directory.GetFiles(Path.GetDirectoryName(path)!), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [TestDataFact]
    public void A_failure_after_the_rename_leaves_the_complete_new_hive()
    {
        string path = DirtyHiveWithLogs();
        var editor = HiveEditor.Open(path);
        editor.CreateKey("after");
        Assert.Throws<IOException>(() => editor.Save(path, new HiveSaveOptions { BeforeStep = s => { if (s == "logs") { throw new IOException("injected"); } } }));
        using var h = HiveFile.Open(path);
        Assert.False(h.WasDirty);
        Assert.NotNull(h.Root.Open("after"));
        Assert.NotNull(h.Root.Open(@"Key3\Key3_3"));
    }

    [TestDataFact]
    public void A_dirty_hive_is_saved_recovered_and_clean_with_its_logs_moved_aside()
    {
        string path = DirtyHiveWithLogs();
        var editor = HiveEditor.Open(path);
        editor.SetValue("Key3", RegistryValue.FromDWord("x", 1));
        var result = editor.Save();
        Assert.NotNull(result.BackupPath);
        Assert.Equal(File.ReadAllBytes(TestData.Real("yarp", "NewDirtyHive1", "NewDirtyHive")), File.ReadAllBytes(result.BackupPath!));
        Assert.Equal(2, result.MovedLogs.Count);
        Assert.All(result.MovedLogs, m => Assert.True(File.Exists(m.To) && !File.Exists(m.From)));
        using var h = HiveFile.Open(path);
        Assert.False(h.WasDirty);
        Assert.NotNull(h.Root.Open(@"Key3\Key3_3"));
        Assert.Equal(1u, h.Root.Open("Key3")!.GetValue("x")!.AsDWord());
        // Windows' own recovery of this hive leaves allocated cells nothing refers to; the edit adds no problem.
        var windows = HiveVerifier.Check(File.ReadAllBytes(TestData.Real("yarp", "NewDirtyHive1", "RecoveredHive_Windows10")));
        var ours = HiveVerifier.Check(File.ReadAllBytes(path));
        Assert.Empty(ours.Errors);
        Assert.Equal(8, windows.Notes.Count);
        Assert.Equal(windows.Notes, ours.Notes);
    }

    [TestDataFact]
    public void A_dirty_hive_without_usable_logs_is_not_opened_for_writing()
    {
        string path = TestData.CopyToTemp(TestData.Real("yarp", "NewDirtyHive1", "NewDirtyHive"));
        var e = Assert.Throws<HiveFormatException>(() => HiveEditor.Open(path));
        Assert.Contains("logs", e.Message, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void A_read_only_file_is_refused_and_left_unchanged()
    {
        string path = TestData.CopyToTemp(TestData.Real("regipy", "SAM"));
        byte[] original = File.ReadAllBytes(path);
        var editor = HiveEditor.Open(path);
        editor.CreateKey("x");
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        }
        var e = Assert.Throws<UnauthorizedAccessException>(() => editor.Save());
        Assert.Contains("read-only", e.Message, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [TestDataFact]
    public void Damaged_hives_are_not_written_to()
    {
        string path = TestData.CopyToTemp(TestData.Real("yarp", "EffectiveSizeHive"));
        Assert.ThrowsAny<RegistryFormatException>(() => HiveEditor.Open(path));
    }

    [Fact]
    public void Saving_without_backup_leaves_no_backup_and_the_base_block_is_finished()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("rdscal-test-").FullName, "H");
        HiveEditor.CreateEmpty().Save(path);
        var editor = HiveEditor.Open(path);
        editor.CreateKey("k");
        var result = editor.Save(options: new HiveSaveOptions { Backup = false });
        Assert.Null(result.BackupPath);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        using var h = HiveFile.Open(path);
        Assert.True(h.Header.ChecksumValid);
        Assert.Equal(h.Header.PrimarySequence, h.Header.SecondarySequence);
        Assert.True(h.Header.PrimarySequence >= 2);
        Assert.NotNull(h.Header.LastWrittenTime);
    }

    /// <summary>A writable copy of yarp's NewDirtyHive with its two logs beside it.</summary>
    private static string DirtyHiveWithLogs()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("rdscal-test-").FullName, "NewDirtyHive");
        foreach (string suffix in new[] { string.Empty, ".LOG1", ".LOG2" })
        {
            // Copied byte by byte, so the shared originals' read-only mode does not come along.
            File.WriteAllBytes(path + suffix, File.ReadAllBytes(TestData.Real("yarp", "NewDirtyHive1", "NewDirtyHive" + suffix)));
        }
        return path;
    }

    [Fact]
    public void A_file_held_open_by_another_reader_is_refused_after_the_wait()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("rdscal-inuse-").FullName, "SYSTEM");
        HiveEditor.CreateEmpty(5, "ROOT").Save(path);
        try
        {
            using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            var e = Assert.Throws<WriteFailedException>(() => HiveEditor.EnsureWritable(path));
            Assert.Contains("the file is in use by another program", e.Message, StringComparison.Ordinal);
            Assert.True(waited.Elapsed >= HiveEditor.InUseWait, $"refused after {waited.Elapsed}");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void A_reader_that_lets_go_within_the_wait_does_not_stop_the_write()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("rdscal-inuse-").FullName, "SYSTEM");
        HiveEditor.CreateEmpty(5, "ROOT").Save(path);
        try
        {
            var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            // Another rdscal sniffing the file before it queues for the lock holds it this briefly, or less.
            // A thread of its own, not a timer: on a loaded machine the thread pool can be starved past the wait.
            var release = new Thread(() =>
            {
                Thread.Sleep(150);
                reader.Dispose();
            })
            { IsBackground = true };
            release.Start();
            HiveEditor.EnsureWritable(path);
            var editor = HiveEditor.Open(path);
            editor.CreateKey("written");
            editor.Save(path);
            release.Join();
            using var h = HiveFile.Open(path);
            Assert.NotNull(h.Root.Open("written"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using RdsCal.Registry.Changes;
using RdsCal.Registry.Hive;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>
/// The safety promise under attack: changes over two hives are all or nothing under real kills and injected I/O
/// errors at every write step, concurrent writers lose no update, and the journal tells the truth.
/// </summary>
public class ChangeSafetyTests
{
    private static readonly string[] SetServers = ["set-servers", "lic09.contoso.com", "--policy", "--remove-legacy"];

    private sealed class Workspace : IDisposable
    {
        public Workspace(string scenario)
        {
            Dir = Directory.CreateTempSubdirectory("rdscal-safety-").FullName;
            foreach (string hive in new[] { "SYSTEM", "SOFTWARE" })
            {
                File.WriteAllBytes(Path.Combine(Dir, hive), File.ReadAllBytes(TestData.Scenario(scenario, hive)));
            }
            Journal = Path.Combine(Dir, "journal", "journal.jsonl");
        }

        public string Dir { get; }
        public string Journal { get; }
        public string System => Path.Combine(Dir, "SYSTEM");
        public string Software => Path.Combine(Dir, "SOFTWARE");

        public string[] Args(params string[] command) => [.. command, "--system", System, "--software", Software, "--journal", Journal];

        public (byte[] System, byte[] Software) Bytes() => (File.ReadAllBytes(System), File.ReadAllBytes(Software));

        /// <summary>Files in the hive folder other than the hives and their lock files.</summary>
        public string[] Leftovers() => Directory.GetFiles(Dir).Select(Path.GetFileName)
            .Where(f => f is not ("SYSTEM" or "SOFTWARE") && !f!.EndsWith(".rdscal-lock", StringComparison.Ordinal) && !f.Contains(".rdscal-backup-", StringComparison.Ordinal))
            .ToArray()!;

        public IReadOnlyList<JournalEntry> Entries() => new ChangeJournal(Journal).ReadAll();

        public string[] Servers()
        {
            var (exit, output, err) = CliRunner.Run("status", "--json", "--system", System, "--software", Software);
            Assert.True(exit == 0, err);
            return JsonDocument.Parse(output).RootElement.GetProperty("licenseServers").GetProperty("effective").EnumerateArray().Select(e => e.GetString()!).ToArray();
        }

        public void Dispose()
        {
            foreach (string f in Directory.GetFiles(Dir))
            {
                File.SetAttributes(f, FileAttributes.Normal);
            }
            Directory.Delete(Dir, recursive: true);
        }
    }

    private static (HashSet<string>, HashSet<string>) Facts(string file)
    {
        using var h = HiveFile.Open(file);
        return TreeFacts.Flatten(h.Root);
    }

    private static void AssertSameTree((HashSet<string> Keys, HashSet<string> Values) a, (HashSet<string> Keys, HashSet<string> Values) b, string context)
    {
        Assert.True(a.Keys.SetEquals(b.Keys), $"{context}: keys differ");
        Assert.True(a.Values.SetEquals(b.Values), $"{context}: values differ");
    }

    /// <summary>The write steps a command takes, from a traced run on a throwaway copy.</summary>
    private static List<string> Steps(string scenario, string[] command)
    {
        using var ws = new Workspace(scenario);
        var (exit, _, err) = RdscalProcess.Run(new Dictionary<string, string> { ["RDSCAL_TRACE_STEPS"] = "1" }, ws.Args(command));
        Assert.True(exit == 0, err);
        return err.Split('\n').Where(l => l.StartsWith("rdscal-step ", StringComparison.Ordinal)).Select(l => l.Split(' ', 3)[2]).ToList();
    }

    private static void MakeReadOnly(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(file, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead);
        }
    }

    [TestDataFact]
    public void A_change_whose_output_cannot_be_written_is_complete_and_journalled_and_says_the_output_is_incomplete()
    {
        // Found by the strace sweep (ENOSPC into the one write of the buffered output, made after the change).
        using var ws = new Workspace("legacy-shapes");
        var (exit, err) = RdscalProcess.RunWithOutputTo("/dev/full", ws.Args(SetServers));
        Assert.Equal(ExitCodes.OutputLost, exit);
        Assert.Equal("rdscal: error: standard output: No space left on device: the output is incomplete; the command itself had finished ('rdscal history' lists any change it made)", err.TrimEnd());
        Assert.Equal(["lic09.contoso.com"], ws.Servers());
        Assert.Equal(ChangeOutcome.Applied, Assert.Single(ws.Entries()).Outcome);
        Assert.Empty(ws.Leftovers());
    }

    [LinuxFact(needsTestData: true)]
    public void A_change_run_with_standard_output_and_error_closed_is_complete_journalled_and_ends_with_output_lost()
    {
        // Both streams closed: the change must neither crash (it was exit 134, an unhandled exception) nor let a
        // file it opens take descriptor 1 or 2 and receive the report.
        using var ws = new Workspace("legacy-shapes");
        var (exit, err) = RdscalProcess.RunInShell("exec \"$@\" >&- 2>&-", ws.Args(SetServers));
        Assert.Equal(ExitCodes.OutputLost, exit);
        Assert.Empty(err);
        Assert.Equal(["lic09.contoso.com"], ws.Servers());
        Assert.Equal(ChangeOutcome.Applied, Assert.Single(ws.Entries()).Outcome);
        Assert.Empty(ws.Leftovers());
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("verify", ws.System).Exit);
    }

    [LinuxFact(needsTestData: true)]
    public void A_change_whose_reader_closes_the_pipe_says_the_change_is_done_instead_of_ending_quietly()
    {
        using var ws = new Workspace("legacy-shapes");
        var (exit, err) = RdscalProcess.RunInShell("\"$@\" | true; exit ${PIPESTATUS[0]}", ws.Args(SetServers));
        Assert.Equal(ExitCodes.OutputLost, exit);
        Assert.Equal("rdscal: error: standard output: Broken pipe: the output is incomplete; the command itself had finished ('rdscal history' lists any change it made)", err.TrimEnd());
        Assert.Equal(ChangeOutcome.Applied, Assert.Single(ws.Entries()).Outcome);
    }

    [ToolTheory("strace")]
    [InlineData("openat", "EROFS", "Read-only file system")]
    [InlineData("pwrite64", "ENOSPC", "No space left on device")]
    public void A_lock_file_that_cannot_be_written_fails_at_once_as_itself_and_changes_nothing(string call, string error, string text)
    {
        // Was: a 10 s wait, then "another rdscal is changing this file" (exit 7).
        using var ws = new Workspace("legacy-shapes");
        var before = ws.Bytes();
        string lockFile = TargetLock.LockPathFor(ws.System);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (exit, err) = RdscalProcess.RunInShell($"exec strace -f -qq -o /dev/null -P '{lockFile}' -e trace={call} -e inject={call}:error={error} \"$@\" > /dev/null", ws.Args(SetServers));
        Assert.True(clock.Elapsed < TargetLock.DefaultWait, $"took {clock.Elapsed}");
        Assert.Equal(ExitCodes.WriteFailed, exit);
        Assert.Equal($"rdscal: error: {ws.System}: its lock file {lockFile} cannot be written ({text} : '{lockFile}'); nothing was changed", err.TrimEnd());
        Assert.Equal(before.System, File.ReadAllBytes(ws.System));
        Assert.Equal(before.Software, File.ReadAllBytes(ws.Software));
        Assert.Empty(ws.Entries());
    }

    [LinuxFact(needsTestData: true)]
    public void A_change_through_symbolic_links_changes_the_real_hives_and_keeps_the_links()
    {
        // Was: each link replaced by a regular file, the real hives unchanged, the "backup" a link to the live
        // file, the lock beside the link (a writer naming the real file was not kept out).
        using var ws = new Workspace("legacy-shapes");
        string links = Directory.CreateDirectory(Path.Combine(ws.Dir, "links")).FullName;
        string system = Path.Combine(links, "SYSTEM"), software = Path.Combine(links, "SOFTWARE");
        File.CreateSymbolicLink(system, "../SYSTEM");
        File.CreateSymbolicLink(software, "../SOFTWARE");
        var (exit, _, err) = CliRunner.Run([.. SetServers, "--system", system, "--software", software, "--journal", ws.Journal]);
        Assert.True(exit == ExitCodes.Ok, err);
        Assert.Equal("../SYSTEM", new FileInfo(system).LinkTarget);
        Assert.Equal("../SOFTWARE", new FileInfo(software).LinkTarget);
        Assert.Equal(["lic09.contoso.com"], ws.Servers());
        Assert.Equal([], Directory.GetFiles(links).Select(Path.GetFileName).Where(f => f is not ("SYSTEM" or "SOFTWARE")));
        Assert.True(File.Exists(TargetLock.LockPathFor(ws.System)));
        Assert.Equal(Path.Combine(ws.Dir, ".SYSTEM.rdscal-lock"), TargetLock.LockPathFor(system));
        var backups = Directory.GetFiles(ws.Dir, "SYSTEM.rdscal-backup-*");
        Assert.Null(new FileInfo(Assert.Single(backups)).LinkTarget);
        var entry = Assert.Single(ws.Entries());
        Assert.Equal(ChangeOutcome.Applied, entry.Outcome);
        Assert.Equal([ws.Software, ws.System], entry.Staging!.Select(s => s.Target).Order(StringComparer.Ordinal));
        var undo = CliRunner.Run("undo", "--last", "--journal", ws.Journal);
        Assert.True(undo.Exit == ExitCodes.Ok, undo.Err);
        Assert.Equal("../SYSTEM", new FileInfo(system).LinkTarget);
    }

    [LinuxFact(needsTestData: true)]
    public void Import_through_a_symbolic_link_changes_the_real_hive_and_keeps_the_link()
    {
        using var ws = new Workspace("unconfigured");
        string link = Path.Combine(ws.Dir, "link-SYSTEM");
        File.CreateSymbolicLink(link, "SYSTEM");
        byte[] before = File.ReadAllBytes(ws.System);
        var (exit, _, err) = CliRunner.Run("import", link, CliRunner.Sample("healthy-perdevice", "SYSTEM.reg"));
        Assert.True(exit == ExitCodes.Ok, err);
        Assert.Equal("SYSTEM", new FileInfo(link).LinkTarget);
        Assert.NotEqual(before, File.ReadAllBytes(ws.System));
        Assert.Equal(before, File.ReadAllBytes(Assert.Single(Directory.GetFiles(ws.Dir, "SYSTEM.rdscal-backup-*"))));
        Assert.False(File.Exists(Path.Combine(ws.Dir, ".link-SYSTEM.rdscal-lock")));
    }

    /// <summary>Owner, group and permission bits, as stat prints them (uid:gid:octal mode).</summary>
    private static string Ownership(string file)
    {
        var (exit, output, err) = ExternalTool.Run("stat", "-c", "%u:%g:%a", file);
        Assert.True(exit == 0, err);
        return output.Trim();
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void GiveAway(string file)
    {
        Assert.Equal(0, ExternalTool.Run("chown", "1234:5678", file).ExitCode);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [LinuxFact(needsTestData: true, needsRoot: true)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_change_and_an_import_keep_each_hive_s_owner_group_and_mode()
    {
        // Was: a 0600 hive owned by another user came back 0644 and owned by whoever ran rdscal.
        using var ws = new Workspace("legacy-shapes");
        GiveAway(ws.System);
        GiveAway(ws.Software);
        var (exit, _, err) = CliRunner.Run(ws.Args(SetServers));
        Assert.True(exit == ExitCodes.Ok, err);
        Assert.Equal("1234:5678:600", Ownership(ws.System));
        Assert.Equal("1234:5678:600", Ownership(ws.Software));
        var import = CliRunner.Run("import", ws.System, CliRunner.Sample("healthy-perdevice", "SYSTEM.reg"));
        Assert.True(import.Exit == ExitCodes.Ok, import.Err);
        Assert.Equal("1234:5678:600", Ownership(ws.System));
    }

    [TestDataFact]
    public void A_two_hive_change_with_one_hive_read_only_changes_neither_and_history_says_nothing_happened()
    {
        using var ws = new Workspace("legacy-shapes");
        var before = ws.Bytes();
        MakeReadOnly(ws.Software);
        var (exit, _, err) = CliRunner.Run(ws.Args(SetServers));
        Assert.Equal(ExitCodes.AccessDenied, exit);
        Assert.Contains($"{ws.Software}: the file is read-only; nothing was changed", err, StringComparison.Ordinal);
        Assert.Equal(before.System, File.ReadAllBytes(ws.System));
        Assert.Equal(before.Software, File.ReadAllBytes(ws.Software));
        Assert.Empty(ws.Leftovers());
        Assert.Empty(ws.Entries());
        Assert.Contains("no changes recorded", CliRunner.Run("history", "--journal", ws.Journal).Out, StringComparison.Ordinal);
        var undo = CliRunner.Run("undo", "--last", "--journal", ws.Journal);
        Assert.Equal(ExitCodes.Usage, undo.Exit);
        Assert.Contains("no change to undo", undo.Err, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void An_io_error_at_any_write_step_leaves_both_hives_as_they_were_and_the_journal_says_so()
    {
        var steps = Steps("legacy-shapes", SetServers);
        Assert.Equal(["reg backup", "stage SYSTEM", "hive create", "hive write", "hive flush", "keep backup SYSTEM",
            "stage SOFTWARE", "hive create", "hive write", "hive flush", "keep backup SOFTWARE", "journal entry",
            "commit SYSTEM", "flush folder SYSTEM", "commit SOFTWARE", "flush folder SOFTWARE", "journal applied"], steps);
        for (int n = 1; n <= steps.Count; n++)
        {
            string context = $"I/O error at step {n} ({steps[n - 1]})";
            using var ws = new Workspace("legacy-shapes");
            var before = ws.Bytes();
            var (exit, output, err) = RdscalProcess.Run(new Dictionary<string, string> { ["RDSCAL_FAIL_AT"] = n.ToString(CultureInfo.InvariantCulture) }, ws.Args(SetServers));
            if (steps[n - 1] == "journal applied")
            {
                // The change is in place; only its record is missing, and the next run adds it.
                Assert.True(exit == 0, $"{context}: {err}");
                Assert.Contains("could not record it as applied", output, StringComparison.Ordinal);
                Assert.Equal(ChangeOutcome.Pending, Assert.Single(ws.Entries()).Outcome);
                var next = CliRunner.Run(ws.Args(SetServers));
                Assert.Contains("every file holds the change: recorded as applied", next.Out, StringComparison.Ordinal);
                Assert.Equal(ChangeOutcome.Applied, Assert.Single(ws.Entries()).Outcome);
                continue;
            }
            Assert.True(exit == 8, $"{context}: exit {exit}: {err}");
            Assert.Contains("nothing was changed", err, StringComparison.Ordinal);
            Assert.Equal(before.System, File.ReadAllBytes(ws.System));
            Assert.Equal(before.Software, File.ReadAllBytes(ws.Software));
            Assert.True(ws.Leftovers().Length == 0, $"{context}: left {string.Join(", ", ws.Leftovers())}");
            Assert.Empty(Directory.GetFiles(ws.Dir, "*.rdscal-backup-*"));
            Assert.All(ws.Entries(), e => Assert.Equal(ChangeOutcome.RolledBack, e.Outcome));
            if (steps[n - 1] == "commit SOFTWARE")
            {
                // The repro of issue 10: SYSTEM was renamed into place, SOFTWARE failed; SYSTEM is put back.
                Assert.Contains("rolled back", CliRunner.Run("history", "--journal", ws.Journal).Out, StringComparison.Ordinal);
                Assert.Equal(ExitCodes.Usage, CliRunner.Run("undo", "--last", "--journal", ws.Journal).Exit);
            }
        }
    }

    [TestDataFact]
    public void A_run_killed_at_a_write_step_is_settled_by_the_next_run_and_stays_undoable()
    {
        var steps = Steps("legacy-shapes", SetServers);
        // One kill per phase keeps this under a minute; scripts/fault-injection.sh kills at every step.
        int[] representative = [1, 4, 11, 12, 13, 15, 17];
        Assert.Equal(17, steps.Count);
        foreach (int n in representative)
        {
            string context = $"killed at step {n} ({steps[n - 1]})";
            using var ws = new Workspace("legacy-shapes");
            var original = (System: Facts(ws.System), Software: Facts(ws.Software));
            var (exit, _, err) = RdscalProcess.Run(new Dictionary<string, string> { ["RDSCAL_CRASH_AT"] = n.ToString(CultureInfo.InvariantCulture) }, ws.Args(SetServers));
            if (!OperatingSystem.IsWindows())
            {
                Assert.True(exit == RdscalProcess.Killed, $"{context}: exit {exit}: {err}");
            }
            // Before the next run settles it, the journal claims nothing: the entry, if written, is pending.
            Assert.All(ws.Entries(), e => Assert.Equal(ChangeOutcome.Pending, e.Outcome));
            var next = CliRunner.Run(ws.Args(SetServers));
            Assert.True(next.Exit == 0, $"{context}: next run: {next.Err}");
            Assert.Equal(["lic09.contoso.com"], ws.Servers());
            Assert.Equal(ExitCodes.Ok, CliRunner.Run("verify", ws.System).Exit);
            Assert.Equal(ExitCodes.Ok, CliRunner.Run("verify", ws.Software).Exit);
            var entries = ws.Entries();
            Assert.True(entries.Count(e => e.Outcome == ChangeOutcome.Applied) == 1, $"{context}: {string.Join(", ", entries.Select(e => e.Outcome))}");
            Assert.All(entries.Where(e => e.Outcome != ChangeOutcome.Applied), e => Assert.Equal(ChangeOutcome.RolledBack, e.Outcome));
            Assert.True(ws.Leftovers().Length == 0, $"{context}: left {string.Join(", ", ws.Leftovers())}");
            var undo = CliRunner.Run("undo", "--last", "--journal", ws.Journal);
            Assert.True(undo.Exit == 0, $"{context}: undo: {undo.Err}");
            AssertSameTree(original.System, Facts(ws.System), context);
            AssertSameTree(original.Software, Facts(ws.Software), context);
        }
    }

    /// <summary>A set-servers over both hives killed after SYSTEM was renamed into place and before SOFTWARE was.</summary>
    private static void KillBetweenTheRenames(Workspace ws)
    {
        int between = Steps("legacy-shapes", SetServers).IndexOf("commit SOFTWARE") + 1;
        var (exit, _, err) = RdscalProcess.Run(new Dictionary<string, string> { ["RDSCAL_CRASH_AT"] = between.ToString(CultureInfo.InvariantCulture) }, ws.Args(SetServers));
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(exit == RdscalProcess.Killed, $"exit {exit}: {err}");
        }
        Assert.Equal(ChangeOutcome.Pending, Assert.Single(ws.Entries()).Outcome);
        Assert.True(File.Exists(Path.Combine(ws.Dir, ".SYSTEM.rdscal-pending")));
        Assert.True(File.Exists(Path.Combine(ws.Dir, ".SOFTWARE.rdscal-pending")));
    }

    [TestDataFact]
    public void A_change_killed_between_its_renames_is_settled_by_a_run_with_another_journal()
    {
        // Was: the second run deleted the first one's staged SOFTWARE and planned from the half-applied hives.
        using var ws = new Workspace("legacy-shapes");
        var original = (System: Facts(ws.System), Software: Facts(ws.Software));
        KillBetweenTheRenames(ws);
        string other = Path.Combine(ws.Dir, "other", "journal.jsonl");
        var (exit, output, err) = CliRunner.Run([.. SetServers, "--system", ws.System, "--software", ws.Software, "--journal", other]);
        Assert.True(exit == ExitCodes.Ok, err);
        Assert.Contains($"completed it: {ws.Software} now hold(s) the change too; recorded as applied (recorded in {ws.Journal})", output, StringComparison.Ordinal);
        Assert.Contains("nothing to change", output, StringComparison.Ordinal);
        Assert.Equal(ChangeOutcome.Applied, Assert.Single(ws.Entries()).Outcome);
        Assert.Empty(new ChangeJournal(other).ReadAll());
        Assert.Equal(["lic09.contoso.com"], ws.Servers());
        Assert.Empty(ws.Leftovers());
        var undo = CliRunner.Run("undo", "--last", "--journal", ws.Journal);
        Assert.True(undo.Exit == ExitCodes.Ok, undo.Err);
        AssertSameTree(original.System, Facts(ws.System), "undo");
        AssertSameTree(original.Software, Facts(ws.Software), "undo");
    }

    [TestDataFact]
    public void A_run_naming_only_system_after_a_two_hive_change_was_killed_between_its_renames_settles_that_change_first()
    {
        // Was: a run naming only --system neither settled the change nor refused.
        using var ws = new Workspace("legacy-shapes");
        KillBetweenTheRenames(ws);
        var (exit, output, err) = CliRunner.Run("set-mode", "per-user", "--system", ws.System, "--journal", ws.Journal);
        Assert.True(exit == ExitCodes.Ok, err);
        Assert.Contains($"completed it: {ws.Software} now hold(s) the change too", output, StringComparison.Ordinal);
        var entries = ws.Entries();
        Assert.Equal([ChangeOutcome.Applied, ChangeOutcome.Applied], entries.Select(e => e.Outcome));
        Assert.Equal(["lic09.contoso.com"], ws.Servers());
        Assert.Empty(ws.Leftovers());
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("verify", ws.Software).Exit);
    }

    [TestDataFact]
    public void A_run_that_cannot_take_the_interrupted_change_s_journal_is_refused_with_one_line_and_changes_nothing()
    {
        using var ws = new Workspace("legacy-shapes");
        KillBetweenTheRenames(ws);
        var before = ws.Bytes();
        string other = Path.Combine(ws.Dir, "other", "journal.jsonl");
        using (TargetLock.Acquire(ws.Journal, TimeSpan.Zero))
        {
            var (exit, _, err) = RdscalProcess.Run(new Dictionary<string, string> { ["RDSCAL_LOCK_WAIT"] = "0.5" }, "set-mode", "per-user", "--system", ws.System, "--journal", other);
            Assert.Equal(ExitCodes.Refused, exit);
            Assert.Equal($"rdscal: error: {ws.Journal}: another rdscal is changing this file", err.ReplaceLineEndings("\n").Split(" (waited", 2)[0]);
            Assert.Single(err.TrimEnd().Split('\n'));
        }
        Assert.Equal(before.System, File.ReadAllBytes(ws.System));
        Assert.Equal(before.Software, File.ReadAllBytes(ws.Software));
        Assert.Equal(ChangeOutcome.Pending, Assert.Single(ws.Entries()).Outcome);
        // With its journal lost, SYSTEM (renamed into place) is not as it was: a person decides.
        File.Delete(ws.Journal);
        var (gone, _, why) = CliRunner.Run("set-mode", "per-user", "--system", ws.System, "--journal", other);
        Assert.Equal(ExitCodes.Refused, gone);
        Assert.StartsWith($"rdscal: error: {ws.System}: an interrupted change is pending on this file (change ", why, StringComparison.Ordinal);
        Assert.Contains("which does not exist, and the file is no longer as it was before that change", why, StringComparison.Ordinal);
        Assert.Single(why.TrimEnd().Split('\n'));
        Assert.Equal(before.System, File.ReadAllBytes(ws.System));
    }

    [TestDataFact]
    public void Two_writers_at_once_never_lose_an_update()
    {
        using var ws = new Workspace("unconfigured");
        const int Rounds = 6;
        var results = new ConcurrentBag<(int Exit, string Err)>();
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, writer =>
        {
            // Separate journals, so only the hive locks stand between the two writers.
            string journal = Path.Combine(ws.Dir, $"journal-{writer}", "journal.jsonl");
            for (int i = 0; i < Rounds; i++)
            {
                var (exit, _, err) = RdscalProcess.Run(null, "set-servers", $"w{writer}-{i}.example.com", "--system", ws.System, "--software", ws.Software, "--journal", journal);
                results.Add((exit, err));
            }
        });
        Assert.All(results, r => Assert.True(r.Exit == 0, r.Err));
        var entries = Enumerable.Range(0, 2).SelectMany(w => new ChangeJournal(Path.Combine(ws.Dir, $"journal-{w}", "journal.jsonl")).ReadAll()).ToList();
        Assert.Equal(2 * Rounds, entries.Count);
        Assert.All(entries, e => Assert.Equal(ChangeOutcome.Applied, e.Outcome));
        // Each change must start from what the one before it left: follow the chain from the original (absent) value.
        var steps = entries.Select(e => e.Operations.Single(o => o.Op == "setValue" && o.After!.Name == "SpecifiedLicenseServers")).ToList();
        string? current = null;
        for (int i = 0; i < steps.Count; i++)
        {
            var from = steps.Where(s => s.Before?.Data == current).ToList();
            Assert.True(from.Count == 1, $"{from.Count} changes started from the same value: an update was lost");
            current = from[0].After!.Data;
        }
        using var hive = HiveFile.Open(ws.System);
        var value = hive.Root.Open(@"ControlSet001\Services\TermService\Parameters\LicenseServers")!.GetValue("SpecifiedLicenseServers")!;
        Assert.Equal(current, Convert.ToHexString(value.Span));
    }

    [TestDataFact]
    public void A_writer_that_finds_the_hive_locked_waits_then_refuses_and_changes_nothing()
    {
        using var ws = new Workspace("unconfigured");
        var before = ws.Bytes();
        using (TargetLock.Acquire(ws.System, TimeSpan.Zero))
        {
            var (exit, _, err) = RdscalProcess.Run(new Dictionary<string, string> { ["RDSCAL_LOCK_WAIT"] = "0.3" }, ws.Args("set-mode", "per-user"));
            Assert.Equal(ExitCodes.Refused, exit);
            Assert.Contains($"{ws.System}: another rdscal is changing this file", err, StringComparison.Ordinal);
            Assert.Contains("nothing was changed", err, StringComparison.Ordinal);
        }
        Assert.Equal(before.System, File.ReadAllBytes(ws.System));
        Assert.Empty(ws.Entries());
        Assert.Equal(ExitCodes.Ok, CliRunner.Run(ws.Args("set-mode", "per-user")).Exit);
    }

    [TestDataFact]
    public void Temporary_files_left_by_killed_runs_are_removed_by_the_next_change()
    {
        using var ws = new Workspace("unconfigured");
        string[] stale = [Path.Combine(ws.Dir, ".SYSTEM.rdscal-stage-20200101T000000Z-dead00.tmp"), Path.Combine(ws.Dir, $".SYSTEM.rdscal-{Environment.ProcessId}.tmp")];
        foreach (string f in stale)
        {
            File.WriteAllBytes(f, [1, 2, 3]);
        }
        var (exit, output, err) = CliRunner.Run(ws.Args("set-mode", "per-user"));
        Assert.True(exit == 0, err);
        Assert.All(stale, f => Assert.False(File.Exists(f)));
        Assert.Contains($"removed a temporary file an interrupted run left: {stale[0]}", output, StringComparison.Ordinal);
        Assert.Empty(ws.Leftovers());
    }

    [TestDataFact]
    public void A_hive_that_verify_calls_corrupt_is_refused_unless_forced()
    {
        using var ws = new Workspace("unconfigured");
        byte[] bytes = UnorderSubkeyList(ws.System);
        var (exit, _, err) = CliRunner.Run(ws.Args("set-mode", "per-user"));
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Contains($"{ws.System}: 'rdscal verify' finds 1 problem(s) in this hive (first: key 'Control'", err, StringComparison.Ordinal);
        Assert.Contains("nothing was changed (--force writes anyway)", err, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(ws.System));
        Assert.Empty(ws.Entries());
        var forced = CliRunner.Run(ws.Args("set-mode", "per-user", "--force"));
        Assert.DoesNotContain("'rdscal verify' finds", forced.Err, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void Import_into_a_hive_that_verify_calls_corrupt_is_refused_unless_forced()
    {
        using var ws = new Workspace("unconfigured");
        byte[] bytes = UnorderSubkeyList(ws.System);
        string reg = Path.Combine(ws.Dir, "add.reg");
        File.WriteAllText(reg, "Windows Registry Editor Version 5.00\r\n\r\n[HKLM\\SYSTEM\\Added]\r\n\"Name\"=\"value\"\r\n");
        var (exit, _, err) = CliRunner.Run("import", ws.System, reg);
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Contains($"{ws.System}: 'rdscal verify' finds 1 problem(s) in this hive (first: key 'Control'", err, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(ws.System));
        // The file says HKLM\SYSTEM: the root key's short spelling is the same prefix as HKEY_LOCAL_MACHINE\SYSTEM.
        var forced = CliRunner.Run("import", ws.System, reg, "--force", "--no-backup");
        Assert.True(forced.Exit == 0, forced.Err);
        Assert.Contains("1 key(s), 1 value(s), 0 deletion(s)", forced.Out, StringComparison.Ordinal);
        Assert.Contains("[HKEY_LOCAL_MACHINE\\X\\Added]", CliRunner.Run("export", ws.System, "--key", "Added", "--prefix", "HKEY_LOCAL_MACHINE\\X").Out, StringComparison.Ordinal);
    }

    // Swaps the first two entries of the second subkey list with two or more entries (Control's): the hive still
    // reads, but verify finds the list out of order (an error: Windows' binary search can miss keys).
    private static byte[] UnorderSubkeyList(string hive)
    {
        byte[] bytes = File.ReadAllBytes(hive);
        int seen = 0;
        for (int i = 4096; i + 20 < bytes.Length; i += 8)
        {
            if (bytes[i + 4] == 'l' && bytes[i + 5] == 'h' && BitConverter.ToUInt16(bytes, i + 6) >= 2 && seen++ == 1)
            {
                byte[] first = bytes[(i + 8)..(i + 16)];
                Array.Copy(bytes, i + 16, bytes, i + 8, 8);
                first.CopyTo(bytes, i + 16);
                break;
            }
        }
        File.WriteAllBytes(hive, bytes);
        return bytes;
    }

    [TestDataFact]
    public void A_damaged_journal_line_is_skipped_with_a_warning_and_history_and_undo_still_work()
    {
        using var ws = new Workspace("unconfigured");
        var original = Facts(ws.System);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run(ws.Args("set-mode", "per-user")).Exit);
        File.AppendAllText(ws.Journal, "{\"id\":\"20990101T000000Z-ffffff\",\"time\":\"2099-01-01T00:00");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run(ws.Args("set-mode", "per-device")).Exit);
        var history = CliRunner.Run("history", "--journal", ws.Journal);
        Assert.Equal(ExitCodes.Ok, history.Exit);
        Assert.Contains($"rdscal: warning: {ws.Journal}: line 3 is not a journal entry", history.Err, StringComparison.Ordinal);
        Assert.Equal(2, history.Out.Split('\n').Count(l => l.EndsWith("  applied", StringComparison.Ordinal)));
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("undo", "--last", "--journal", ws.Journal).Exit);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("undo", "--last", "--journal", ws.Journal).Exit);
        AssertSameTree(original, Facts(ws.System), "after both undos");
    }
}

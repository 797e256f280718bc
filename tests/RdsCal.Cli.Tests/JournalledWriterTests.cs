using System.Globalization;
using System.Text;
using RdsCal.Registry.Changes;
using RdsCal.Registry.Policy;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>
/// <c>import</c> and <c>gpo set</c> go through the recorder every licensing change uses: journalled, backed up,
/// all or nothing under kills and I/O errors at every write step, and undoable (an import exactly; a gpo set as a
/// new change with a higher gpt.ini version).
/// </summary>
public class JournalledWriterTests
{
    private const string TsKey = @"Software\Policies\Microsoft\Windows NT\Terminal Services";

    // Sets a value, deletes the first of three values (so the others move up), deletes a key tree, creates three
    // levels of keys: everything an undo must put back where it was.
    private const string Edits = "Windows Registry Editor Version 5.00\r\n\r\n"
        + "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\Terminal Server]\r\n\"fDenyTSConnections\"=dword:00000001\r\n\r\n"
        + "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\Terminal Server\\RCM]\r\n\"Certificate\"=-\r\n\r\n"
        + "[-HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\ProductOptions]\r\n\r\n"
        + "[HKEY_LOCAL_MACHINE\\SYSTEM\\Added\\Deeper\\Deepest]\r\n\"New\"=\"value\"\r\n";

    private static string Export(string hive)
    {
        var (exit, output, err) = CliRunner.Run("export", hive);
        Assert.True(exit == ExitCodes.Ok, err);
        return output;
    }

    private static string[] Steps(string err) =>
        [.. err.Split('\n').Where(l => l.StartsWith("rdscal-step ", StringComparison.Ordinal)).Select(l => l.Split(' ', 3)[2].TrimEnd('\r'))];

    private static uint GptVersion(string gpo) => GptIni.Load(Path.Combine(gpo, "gpt.ini")).Version;

    private static string[] Policy(string gpo) =>
        [.. PolicyFileReader.Load(Path.Combine(gpo, "Machine", "Registry.pol")).Where(e => string.Equals(e.KeyPath, TsKey, StringComparison.OrdinalIgnoreCase))
            .Select(e => $"{e.ValueName}={Convert.ToHexString(e.Data)}")];

    [TestDataFact]
    public void An_import_is_journalled_and_its_undo_leaves_the_hive_exporting_byte_for_byte_as_before()
    {
        using var dir = new TempFolder();
        string system = dir.Copy(TestData.Scenario("unconfigured", "SYSTEM"));
        string reg = dir.File("edits.reg");
        File.WriteAllText(reg, Edits, Encoding.Unicode);
        string journal = dir.File("journal.jsonl");
        string before = Export(system);

        var (exit, output, err) = CliRunner.Run("import", system, reg, "--journal", journal);
        Assert.True(exit == ExitCodes.Ok, err);
        Assert.Contains("imported edits.reg into SYSTEM: 3 key(s), 2 value(s), 2 deletion(s)", output, StringComparison.Ordinal);
        Assert.Contains($"undo with: rdscal undo ", output, StringComparison.Ordinal);
        var entry = Assert.Single(new ChangeJournal(journal).ReadAll());
        Assert.Equal(ChangeOutcome.Applied, entry.Outcome);
        Assert.Equal(system, entry.Parts!["HIVE"]);
        Assert.Equal(system, Assert.Single(entry.Staging!).Target);
        // The .reg backup names the keys as the imported file does, so importing it restores them.
        Assert.Contains(@"[-HKEY_LOCAL_MACHINE\SYSTEM\Added]", File.ReadAllText(entry.BackupPath!, Encoding.Unicode), StringComparison.Ordinal);
        string after = Export(system);
        Assert.NotEqual(before, after);
        Assert.DoesNotContain("ProductOptions", after, StringComparison.Ordinal);

        var undo = CliRunner.Run("undo", "--last", "--journal", journal);
        Assert.True(undo.Exit == ExitCodes.Ok, undo.Err);
        Assert.Equal(before, Export(system));
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("verify", system).Exit);
        Assert.Contains("import edits.reg", CliRunner.Run("history", "--journal", journal).Out, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void An_import_killed_or_failing_at_any_write_step_changes_nothing_or_is_settled_by_the_next_import_and_stays_undoable()
    {
        using var dir = new TempFolder();
        string reg = dir.File("edits.reg");
        File.WriteAllText(reg, Edits, Encoding.Unicode);
        string system = dir.Copy(TestData.Scenario("unconfigured", "SYSTEM"));
        string journal = Path.Combine(dir.Path, "j", "journal.jsonl");
        byte[] pristine = File.ReadAllBytes(system);
        string before = Export(system);
        var traced = RdscalProcess.Run(new Dictionary<string, string> { ["RDSCAL_TRACE_STEPS"] = "1" }, "import", system, reg, "--journal", journal);
        Assert.True(traced.Exit == ExitCodes.Ok, traced.Err);
        var steps = Steps(traced.Err);
        Assert.Equal(["reg backup", "stage SYSTEM", "hive create", "hive write", "hive flush", "keep backup SYSTEM", "journal entry",
            "commit SYSTEM", "flush folder SYSTEM", "journal applied"], steps);
        for (int n = 1; n <= steps.Length; n++)
        {
            foreach (string mode in new[] { "RDSCAL_CRASH_AT", "RDSCAL_FAIL_AT" })
            {
                string context = $"{mode}={n} ({steps[n - 1]})";
                File.WriteAllBytes(system, pristine);
                Directory.Delete(Path.GetDirectoryName(journal)!, recursive: true);
                foreach (string left in Directory.GetFiles(dir.Path, "SYSTEM.rdscal-backup-*"))
                {
                    File.Delete(left);
                }
                var run = RdscalProcess.Run(new Dictionary<string, string> { [mode] = n.ToString(CultureInfo.InvariantCulture) }, "import", system, reg, "--journal", journal);
                if (mode == "RDSCAL_FAIL_AT" && steps[n - 1] != "journal applied")
                {
                    Assert.True(run.Exit == ExitCodes.WriteFailed, $"{context}: exit {run.Exit}: {run.Err}");
                    Assert.Contains("nothing was changed", run.Err, StringComparison.Ordinal);
                    Assert.Equal(pristine, File.ReadAllBytes(system));
                    Assert.Empty(Directory.GetFiles(dir.Path, ".SYSTEM.rdscal-*.tmp"));
                    Assert.Empty(Directory.GetFiles(dir.Path, "SYSTEM.rdscal-backup-*"));
                }
                if (mode == "RDSCAL_FAIL_AT" && steps[n - 1] == "journal applied")
                {
                    Assert.True(run.Exit == ExitCodes.Ok, $"{context}: exit {run.Exit}: {run.Err}");
                    Assert.Contains("could not record it as applied", run.Out, StringComparison.Ordinal);
                }
                // Before anything settles it, the journal claims nothing a file does not hold.
                Assert.All(new ChangeJournal(journal).ReadAll().Where(e => e.Outcome == ChangeOutcome.Applied), _ => Assert.NotEqual(pristine, File.ReadAllBytes(system)));
                var next = CliRunner.Run("import", system, reg, "--journal", journal);
                Assert.True(next.Exit == ExitCodes.Ok, $"{context}: next import: {next.Err}");
                Assert.Empty(Directory.GetFiles(dir.Path, ".SYSTEM.rdscal-*.tmp"));
                var entries = new ChangeJournal(journal).ReadAll();
                Assert.True(entries.Count(e => e.Outcome == ChangeOutcome.Applied) == 1, $"{context}: {string.Join(", ", entries.Select(e => e.Outcome))}");
                Assert.DoesNotContain(entries, e => e.Outcome == ChangeOutcome.Pending);
                var undo = CliRunner.Run("undo", "--last", "--journal", journal);
                Assert.True(undo.Exit == ExitCodes.Ok, $"{context}: undo: {undo.Err}");
                Assert.True(before == Export(system), $"{context}: the undo did not restore the export");
            }
        }
    }

    [Fact]
    public void Gpo_set_is_journalled_and_its_undo_puts_the_old_entries_back_with_a_higher_version()
    {
        using var scratch = new TempFolder();
        string gpo = scratch.File("gpo");
        string journal = scratch.File("journal.jsonl");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("gpo", "set", gpo, "--mode", "per-device", "--journal", journal).Exit);
        string[] first = Policy(gpo);
        Assert.Equal(1u, GptVersion(gpo));
        var (exit, output, err) = CliRunner.Run("gpo", "set", gpo, "--mode", "per-user", "--servers", "lic1.contoso.com", "--journal", journal);
        Assert.True(exit == ExitCodes.Ok, err);
        Assert.Contains($"backup: {Path.Combine(gpo, "gpt.ini")}.", output, StringComparison.Ordinal);
        Assert.Contains($"undo with: rdscal undo ", output, StringComparison.Ordinal);
        Assert.Equal(2u, GptVersion(gpo));
        var entries = new ChangeJournal(journal).ReadAll();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(ChangeOutcome.Applied, e.Outcome));
        Assert.Equal(["gpt.ini", "Registry.pol"], entries[1].Staging!.Select(s => s.Part));

        var undo = CliRunner.Run("undo", "--last", "--journal", journal);
        Assert.True(undo.Exit == ExitCodes.Ok, undo.Err);
        // The old values are back, and the version rose again: a client that cached version 2 applies the undo too.
        Assert.Equal(first, Policy(gpo));
        Assert.Equal(3u, GptVersion(gpo));
        Assert.Contains("Registry extension listed", CliRunner.Run("gpo", "show", gpo).Out, StringComparison.Ordinal);
        // Undoing the first change removes the entry it added; the version still only rises.
        var undoFirst = CliRunner.Run("undo", entries[0].Id, "--journal", journal);
        Assert.True(undoFirst.Exit == ExitCodes.Ok, undoFirst.Err);
        Assert.Empty(Policy(gpo));
        Assert.Equal(4u, GptVersion(gpo));
    }

    [Fact]
    public void Gpo_set_killed_or_failing_at_any_write_step_changes_neither_file_or_is_settled_by_the_next_run()
    {
        using var scratch = new TempFolder();
        string gpo = scratch.File("gpo");
        string journal = scratch.File("j", "journal.jsonl");
        string[] set = ["gpo", "set", gpo, "--mode", "per-user", "--servers", "lic1.contoso.com", "--journal", journal];
        void Reset()
        {
            if (Directory.Exists(gpo))
            {
                Directory.Delete(gpo, recursive: true);
            }
            if (Directory.Exists(Path.GetDirectoryName(journal)))
            {
                Directory.Delete(Path.GetDirectoryName(journal)!, recursive: true);
            }
            Assert.Equal(ExitCodes.Ok, CliRunner.Run("gpo", "set", gpo, "--mode", "per-device", "--journal", scratch.File("setup.jsonl")).Exit);
        }
        Reset();
        byte[] gptBefore = File.ReadAllBytes(Path.Combine(gpo, "gpt.ini"));
        byte[] polBefore = File.ReadAllBytes(Path.Combine(gpo, "Machine", "Registry.pol"));
        var traced = RdscalProcess.Run(new Dictionary<string, string> { ["RDSCAL_TRACE_STEPS"] = "1" }, set);
        Assert.True(traced.Exit == ExitCodes.Ok, traced.Err);
        var steps = Steps(traced.Err);
        Assert.Equal(["reg backup", "stage gpt.ini", "keep backup gpt.ini", "stage Registry.pol", "keep backup Registry.pol", "journal entry",
            "commit gpt.ini", "flush folder gpt.ini", "commit Registry.pol", "flush folder Registry.pol", "journal applied"], steps);
        for (int n = 1; n <= steps.Length; n++)
        {
            foreach (string mode in new[] { "RDSCAL_CRASH_AT", "RDSCAL_FAIL_AT" })
            {
                string context = $"{mode}={n} ({steps[n - 1]})";
                Reset();
                var run = RdscalProcess.Run(new Dictionary<string, string> { [mode] = n.ToString(CultureInfo.InvariantCulture) }, set);
                if (mode == "RDSCAL_FAIL_AT" && steps[n - 1] != "journal applied")
                {
                    Assert.True(run.Exit == ExitCodes.WriteFailed, $"{context}: exit {run.Exit}: {run.Err}");
                    Assert.Contains("nothing was changed", run.Err, StringComparison.Ordinal);
                    Assert.Equal(gptBefore, File.ReadAllBytes(Path.Combine(gpo, "gpt.ini")));
                    Assert.Equal(polBefore, File.ReadAllBytes(Path.Combine(gpo, "Machine", "Registry.pol")));
                    Assert.Empty(Directory.GetFiles(gpo, "*.tmp", SearchOption.AllDirectories));
                }
                if (mode == "RDSCAL_FAIL_AT" && steps[n - 1] == "journal applied")
                {
                    // The files hold the change; only its record is missing, and the run says so.
                    Assert.True(run.Exit == ExitCodes.Ok, $"{context}: exit {run.Exit}: {run.Err}");
                    Assert.Contains("could not record it as applied", run.Out, StringComparison.Ordinal);
                }
                var next = CliRunner.Run(set);
                Assert.True(next.Exit == ExitCodes.Ok, $"{context}: next run: {next.Err}");
                Assert.Equal(["LicensingMode=04000000", $"LicenseServers={Convert.ToHexString(Encoding.Unicode.GetBytes("lic1.contoso.com\0"))}"], Policy(gpo));
                Assert.Equal(2u, GptVersion(gpo));
                Assert.Empty(Directory.GetFiles(gpo, "*.tmp", SearchOption.AllDirectories));
                var entries = new ChangeJournal(journal).ReadAll();
                Assert.True(entries.Count(e => e.Outcome == ChangeOutcome.Applied) == 1, $"{context}: {string.Join(", ", entries.Select(e => e.Outcome))}");
                Assert.DoesNotContain(entries, e => e.Outcome == ChangeOutcome.Pending);
            }
        }
    }

    [Fact]
    public void A_gpo_folder_changed_between_plan_and_write_is_refused_and_neither_file_is_written()
    {
        using var scratch = new TempFolder();
        string gpo = scratch.Folder("gpo");
        string journal = scratch.File("journal.jsonl");
        var plan = RdsCal.Licensing.GroupPolicy.LicensingGpo.Plan(gpo, new RdsCal.Licensing.GroupPolicy.GpoLicensingSettings(RdsCal.Licensing.LicensingMode.PerUser, null, null));
        // Another writer, outside rdscal's locks, sets the mode after the plan was made.
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("gpo", "set", gpo, "--mode", "per-device", "--journal", scratch.File("other.jsonl")).Exit);
        byte[] pol = File.ReadAllBytes(Path.Combine(gpo, "Machine", "Registry.pol"));
        byte[] gpt = File.ReadAllBytes(Path.Combine(gpo, "gpt.ini"));
        var store = new RdsCal.Registry.Changes.Stores.GpoStore(Path.Combine(gpo, "gpt.ini"), Path.Combine(gpo, "Machine", "Registry.pol"),
            RdsCal.Licensing.GroupPolicy.LicensingGpo.RegistryCse, RdsCal.Licensing.GroupPolicy.LicensingGpo.ComputerTool, [RdsCal.Licensing.GroupPolicy.LicensingGpo.ComputerTool]);
        var conflict = Assert.Throws<ChangeConflictException>(() => ChangeRecorder.Apply(plan.Changes, store, new ChangeJournal(journal), "HKEY_LOCAL_MACHINE"));
        Assert.Contains("LicensingMode is REG_DWORD", Assert.Single(conflict.Drift), StringComparison.Ordinal);
        Assert.Equal(pol, File.ReadAllBytes(Path.Combine(gpo, "Machine", "Registry.pol")));
        Assert.Equal(gpt, File.ReadAllBytes(Path.Combine(gpo, "gpt.ini")));
        Assert.False(File.Exists(journal));
    }
}

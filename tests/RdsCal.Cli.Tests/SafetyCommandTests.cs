using System.Text;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>Outputs that must not replace what they should not, and inputs that must not hang or crash.</summary>
public class SafetyCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [TestDataFact]
    public void Export_over_its_own_hive_is_refused_even_with_force_and_the_hive_is_unchanged()
    {
        using var dir = new TempFolder();
        string hive = dir.Copy(TestData.Real("yarp", "StringValuesHive"), "HIVE");
        byte[] before = File.ReadAllBytes(hive);
        var (exit, _, err) = CliRunner.Run("export", hive, "-o", hive);
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Equal($"rdscal: error: {hive}: is an input of this command and is never overwritten\n", err.ReplaceLineEndings("\n"));
        (exit, _, _) = CliRunner.Run("export", hive, "-o", hive, "--force");
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Equal(before, File.ReadAllBytes(hive));
        Assert.Equal(["HIVE"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [TestDataFact]
    public void Export_replaces_an_existing_file_only_with_force()
    {
        using var dir = new TempFolder();
        string hive = TestData.Real("yarp", "StringValuesHive");
        string target = dir.File("out.reg");
        File.WriteAllText(target, "keep me");
        var (exit, _, err) = CliRunner.Run("export", hive, "-o", target);
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Equal($"rdscal: error: {target}: the file exists; give --force to replace it\n", err.ReplaceLineEndings("\n"));
        Assert.Equal("keep me", File.ReadAllText(target));
        (exit, _, _) = CliRunner.Run("export", hive, "-o", target, "--force");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("Windows Registry Editor Version 5.00", File.ReadAllText(target, Encoding.Unicode), StringComparison.Ordinal);
    }

    [TestDataFact]
    public void Export_to_a_symlink_writes_the_file_it_points_to_and_keeps_the_link()
    {
        using var dir = new TempFolder();
        string hive = TestData.Real("yarp", "StringValuesHive");
        File.WriteAllText(dir.File("real.reg"), "old");
        File.CreateSymbolicLink(dir.File("link.reg"), "real.reg");
        var (exit, _, _) = CliRunner.Run("export", hive, "-o", dir.File("link.reg"), "--force");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("real.reg", new FileInfo(dir.File("link.reg")).LinkTarget);
        Assert.StartsWith("Windows Registry Editor Version 5.00", File.ReadAllText(dir.File("real.reg"), Encoding.Unicode), StringComparison.Ordinal);
    }

    [TestDataFact]
    public void Export_dash_writes_standard_output()
    {
        var (exit, output, _) = CliRunner.Run("export", TestData.Real("yarp", "StringValuesHive"), "-o", "-");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("Windows Registry Editor Version 5.00", output, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void Backup_never_writes_over_its_input()
    {
        using var dir = new TempFolder();
        string system = dir.Copy(TestData.Scenario("unconfigured", "SYSTEM.reg"));
        byte[] before = File.ReadAllBytes(system);
        var (exit, _, _) = CliRunner.Run("backup", "--system", system, "--out", system, "--force");
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Equal(before, File.ReadAllBytes(system));
    }

    [TestDataFact]
    public void A_change_script_never_writes_over_the_input_export()
    {
        using var dir = new TempFolder();
        string system = dir.Copy(TestData.Scenario("unconfigured", "SYSTEM.reg"));
        byte[] before = File.ReadAllBytes(system);
        var (exit, output, _) = CliRunner.Run("set-mode", "per-user", "--system", system, "--out", system, "--force", "--journal", dir.File("journal.jsonl"));
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.DoesNotContain("were not changed", output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(system));
    }

    [TestDataFact]
    public void Status_reads_a_hive_through_a_symlink()
    {
        using var dir = new TempFolder();
        File.CreateSymbolicLink(dir.File("SYSTEM"), TestData.Scenario("unconfigured", "SYSTEM"));
        var (linked, linkedOut, err) = CliRunner.Run("status", "--system", dir.File("SYSTEM"));
        var (direct, directOut, _) = CliRunner.Run("status", "--system", TestData.Scenario("unconfigured", "SYSTEM"));
        Assert.Equal(string.Empty, err);
        Assert.Equal(direct, linked);
        Assert.Equal(directOut.Replace(TestData.Scenario("unconfigured", "SYSTEM"), dir.File("SYSTEM"), StringComparison.Ordinal), linkedOut);
    }

    [LinuxFact]
    public void A_pipe_given_as_input_is_refused_not_waited_on()
    {
        using var dir = new TempFolder();
        string fifo = dir.Fifo("SYSTEM");
        var (exit, _, err) = Bounded.Run("status --system FIFO", Limit, () => CliRunner.Run("status", "--system", fifo));
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Equal($"rdscal: error: {fifo}: is a named pipe (FIFO), not a file: rdscal reads only regular files\n", err.ReplaceLineEndings("\n"));
    }

    [TestDataFact]
    public void Restore_refuses_to_delete_a_hive_root_even_for_what_if()
    {
        using var dir = new TempFolder();
        string system = dir.Copy(TestData.Scenario("unconfigured", "SYSTEM"));
        File.WriteAllText(dir.File("bad.reg"), "Windows Registry Editor Version 5.00\r\n\r\n[-HKEY_LOCAL_MACHINE\\SYSTEM]\r\n", Encoding.Unicode);
        var (exit, output, err) = CliRunner.Run("restore", dir.File("bad.reg"), "--system", system, "--what-if", "--journal", dir.File("journal.jsonl"));
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Equal("rdscal: error: the backup deletes HKEY_LOCAL_MACHINE\\SYSTEM, a whole hive: rdscal never deletes a hive root\n", err.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("SYSTEM]", output, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void Import_of_a_key_nested_deeper_than_512_levels_is_refused_and_writes_nothing()
    {
        // Was: 10,000 levels written, verify said OK, and rdscal's own export then refused the hive.
        using var dir = new TempFolder();
        string system = dir.Copy(TestData.Scenario("unconfigured", "SYSTEM"));
        byte[] before = File.ReadAllBytes(system);
        string deep = "HKEY_LOCAL_MACHINE\\SYSTEM\\" + string.Join('\\', Enumerable.Repeat("k", 513));
        File.WriteAllText(dir.File("deep.reg"), $"Windows Registry Editor Version 5.00\r\n\r\n[{deep}]\r\n", Encoding.Unicode);
        var (exit, _, err) = CliRunner.Run("import", system, dir.File("deep.reg"));
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Contains("is nested 513 levels below the hive root; Windows allows at most 512", err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(system));
    }

    [LinuxFact(needsTestData: true)]
    public void A_hive_with_other_hard_links_is_refused_instead_of_split_by_the_rename()
    {
        using var dir = new TempFolder();
        string system = dir.Copy(TestData.Scenario("unconfigured", "SYSTEM"));
        string software = dir.Copy(TestData.Scenario("unconfigured", "SOFTWARE"));
        Assert.Equal(0, ExternalTool.Run("ln", system, dir.File("SYSTEM.other-name")).ExitCode);
        byte[] before = File.ReadAllBytes(system);
        var (exit, _, err) = CliRunner.Run("set-mode", "per-user", "--system", system, "--software", software, "--journal", dir.File("journal.jsonl"));
        Assert.Equal(ExitCodes.WriteFailed, exit);
        Assert.Equal($"rdscal: error: {system}: the file has 2 hard links, and replacing it would leave the other names on the old hive; nothing was changed (make it a file of its own first: cp it, then mv the copy over it)\n", err.ReplaceLineEndings("\n"));
        Assert.Equal(before, File.ReadAllBytes(system));
    }

    [Fact]
    public void New_with_a_folder_path_names_the_folder_not_an_internal_temporary_file()
    {
        using var dir = new TempFolder();
        string missing = Path.Combine(dir.Path, "missing") + Path.DirectorySeparatorChar;
        var (exit, _, err) = CliRunner.Run("new", missing);
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.DoesNotContain(".tmp", err, StringComparison.Ordinal);
        Assert.Equal($"rdscal: error: {missing}: is a folder", err.TrimEnd()[..($"rdscal: error: {missing}: is a folder".Length)]);
        var inMissingFolder = CliRunner.Run("new", Path.Combine(dir.Path, "nowhere", "SYSTEM"));
        Assert.Equal(ExitCodes.InputMissing, inMissingFolder.Exit);
        Assert.Equal($"rdscal: error: {Path.Combine(dir.Path, "nowhere")}: no such folder\n", inMissingFolder.Err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_lone_surrogate_in_a_reg_file_is_refused_with_line_and_column_not_changed_to_U_FFFD()
    {
        using var dir = new TempFolder();
        string reg = dir.File("lone.reg");
        var bytes = new List<byte>([0xFF, 0xFE]);
        bytes.AddRange(Encoding.Unicode.GetBytes("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\A"));
        bytes.AddRange([0x00, 0xD8]);
        bytes.AddRange(Encoding.Unicode.GetBytes("]\r\n"));
        File.WriteAllBytes(reg, [.. bytes]);
        var (exit, _, err) = CliRunner.Run("status", "--system", reg);
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Equal($"rdscal: error: {reg}: line 3, column 29: invalid UTF-16 here (a lone surrogate, or U+FFFF): rdscal refuses it rather than change it\n", err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_format_error_shows_control_bytes_of_the_input_escaped()
    {
        using var dir = new TempFolder();
        string reg = dir.File("bin.reg");
        File.WriteAllText(reg, "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\A]\r\n\"v\"=hex:\u0001\u0002\u001b[31m\r\n", Encoding.Unicode);
        var (exit, _, err) = CliRunner.Run("status", "--system", reg);
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.DoesNotContain('\u001b', err);
        Assert.Contains("found '\\x01\\x02\\x1B[31m'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_of_a_key_name_over_255_characters_is_a_format_error()
    {
        using var dir = new TempFolder();
        string hive = dir.File("HIVE");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("new", hive).Exit);
        string name = new('k', 256);
        File.WriteAllText(dir.File("long.reg"), $"Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\{name}]\r\n", Encoding.Unicode);
        var (exit, _, err) = CliRunner.Run("import", hive, dir.File("long.reg"));
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Equal($"rdscal: error: {dir.File("long.reg")}: line 3, column 1: key name '{name[..40]}…' is 256 characters; Windows allows at most 255\n", err.ReplaceLineEndings("\n"));
    }

    [TestDataFact]
    public void Verify_of_a_hive_whose_subkey_list_points_at_the_root_ends_with_the_cycle_named()
    {
        using var dir = new TempFolder();
        byte[] bytes = TestData.Bytes(TestData.Real("yarp", "UnicodeHive"));
        uint root, key;
        using (var h = RdsCal.Registry.Hive.HiveFile.Load(bytes))
        {
            root = h.Root.CellOffset;
            key = h.Root.Subkeys().First(k => k.SubkeyCount > 0).CellOffset;
        }
        string hive = dir.File("CYCLE");
        File.WriteAllBytes(hive, HostileHive.WithSubkeyEntry(bytes, key, root));
        var (exit, output, err) = Bounded.Run("verify CYCLE", Limit, () => CliRunner.Run("verify", hive));
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Contains($"key node at 0x{root:X}: listed again under 0x{key:X}", output + err, StringComparison.Ordinal);
    }
}

using System.Text;
using System.Text.Json;
using RdsCal.Registry.Hive;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>Every changing command on copies of the scenario hives and .reg files.</summary>
public class ChangeCommandsTests
{
    private sealed class Workspace
    {
        public Workspace(string scenario, bool reg = false)
        {
            Dir = Directory.CreateTempSubdirectory("rdscal-change-").FullName;
            foreach (string hive in new[] { "SYSTEM", "SOFTWARE" })
            {
                string source = TestData.Scenario(scenario, reg ? hive + ".reg" : hive);
                if (File.Exists(source))
                {
                    File.WriteAllBytes(Path.Combine(Dir, Path.GetFileName(source)), File.ReadAllBytes(source));
                }
            }
            Journal = Path.Combine(Dir, "journal", "journal.jsonl");
            Suffix = reg ? ".reg" : string.Empty;
        }

        public string Dir { get; }
        public string Journal { get; }
        public string Suffix { get; }
        public string System => Path.Combine(Dir, "SYSTEM" + Suffix);
        public string Software => Path.Combine(Dir, "SOFTWARE" + Suffix);

        public (int Exit, string Out, string Err) Run(params string[] args)
        {
            var all = new List<string>(args);
            if (File.Exists(System))
            {
                all.AddRange(["--system", System]);
            }
            if (File.Exists(Software))
            {
                all.AddRange(["--software", Software]);
            }
            all.AddRange(["--journal", Journal]);
            return CliRunner.Run([.. all]);
        }

        public (int Exit, string Out, string Err) Undo(params string[] args) => CliRunner.Run(["undo", .. args, "--journal", Journal]);

        public JsonElement Status()
        {
            var args = new List<string> { "status", "--json" };
            if (File.Exists(System))
            {
                args.AddRange(["--system", System]);
            }
            if (File.Exists(Software))
            {
                args.AddRange(["--software", Software]);
            }
            var (exit, output, err) = CliRunner.Run([.. args]);
            Assert.True(exit == 0, err);
            return JsonDocument.Parse(output).RootElement.Clone();
        }

        public static (HashSet<string>, HashSet<string>) Facts(string file)
        {
            using var h = HiveFile.Open(file);
            return TreeFacts.Flatten(h.Root);
        }
    }

    private static void AssertSameTree((HashSet<string> Keys, HashSet<string> Values) a, (HashSet<string> Keys, HashSet<string> Values) b)
    {
        Assert.True(a.Keys.SetEquals(b.Keys), "keys differ: " + string.Join(", ", a.Keys.Except(b.Keys).Concat(b.Keys.Except(a.Keys)).Take(5)));
        Assert.True(a.Values.SetEquals(b.Values), "values differ: " + string.Join(", ", a.Values.Except(b.Values).Concat(b.Values.Except(a.Values)).Take(3)));
    }

    private static void AssertHivexReads(string file)
    {
        if (ExternalTool.Exists("hivexregedit"))
        {
            var (exit, _, err) = ExternalTool.Run("sh", "-c", $"hivexregedit --export '{file}' '\\' > /dev/null");
            Assert.True(exit == 0, err);
        }
    }

    [TestDataFact]
    public void Set_mode_changes_the_server_setting_and_undo_restores_every_byte()
    {
        var ws = new Workspace("unconfigured");
        var original = Workspace.Facts(ws.System);
        var (exit, output, err) = ws.Run("set-mode", "per-user");
        Assert.True(exit == 0, err);
        Assert.Contains("-> REG_DWORD 0x00000004", output, StringComparison.Ordinal);
        var s = ws.Status();
        Assert.Equal("PerUser", s.GetProperty("licensingMode").GetProperty("effective").GetString());
        Assert.Equal("server", s.GetProperty("licensingMode").GetProperty("source").GetString());
        AssertHivexReads(ws.System);
        Assert.Equal(ExitCodes.Ok, ws.Undo("--last").Exit);
        AssertSameTree(original, Workspace.Facts(ws.System));
        Assert.Equal("NotConfigured", ws.Status().GetProperty("licensingMode").GetProperty("effective").GetString());
    }

    [TestDataFact]
    public void What_if_prints_the_plan_and_changes_nothing()
    {
        var ws = new Workspace("unconfigured");
        byte[] before = File.ReadAllBytes(ws.System);
        var (exit, output, _) = ws.Run("set-mode", "per-device", "--what-if");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("what-if", output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(ws.System));
        Assert.False(File.Exists(ws.Journal));
    }

    [TestDataFact]
    public void A_policy_governed_mode_is_refused_unless_policy_is_asked_for()
    {
        var ws = new Workspace("policy-overrides");
        byte[] system = File.ReadAllBytes(ws.System), software = File.ReadAllBytes(ws.Software);
        var (exit, output, err) = ws.Run("set-mode", "per-device");
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Contains("Group Policy sets the licensing mode", err, StringComparison.Ordinal);
        Assert.Equal(system, File.ReadAllBytes(ws.System));
        Assert.Equal(software, File.ReadAllBytes(ws.Software));
        Assert.Equal(ExitCodes.Ok, ws.Run("set-mode", "per-device", "--policy").Exit);
        var s = ws.Status();
        Assert.Equal("PerDevice", s.GetProperty("licensingMode").GetProperty("effective").GetString());
        Assert.Equal("policy", s.GetProperty("licensingMode").GetProperty("source").GetString());
        AssertHivexReads(ws.Software);
    }

    [TestDataFact]
    public void Set_servers_writes_the_canonical_value_removes_legacy_shapes_and_undoes_exactly()
    {
        var ws = new Workspace("legacy-shapes");
        var original = Workspace.Facts(ws.System);
        var (exit, output, err) = ws.Run("set-servers", "lic01.contoso.com", "192.0.2.10", "--remove-legacy");
        Assert.True(exit == 0, err);
        var servers = ws.Status().GetProperty("licenseServers");
        Assert.Equal(["lic01.contoso.com", "192.0.2.10"], servers.GetProperty("effective").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("server", servers.GetProperty("source").GetString());
        Assert.All(servers.GetProperty("shapes").EnumerateArray(), sh => Assert.True(sh.GetProperty("readByCurrentWindows").GetBoolean()));
        AssertHivexReads(ws.System);
        Assert.Equal(ExitCodes.Ok, ws.Undo("--last").Exit);
        AssertSameTree(original, Workspace.Facts(ws.System));
    }

    [TestDataFact]
    public void A_bad_server_name_is_refused_and_changes_nothing()
    {
        var ws = new Workspace("unconfigured");
        byte[] before = File.ReadAllBytes(ws.System);
        foreach (string bad in new[] { "-bad.example.com", "300.1.1.1", "exa mple", "fe80::zz", "a..b" })
        {
            var (exit, _, err) = ws.Run("set-servers", bad);
            Assert.Equal(ExitCodes.Usage, exit);
            Assert.Contains("nothing was changed", err, StringComparison.Ordinal);
        }
        Assert.Equal(before, File.ReadAllBytes(ws.System));
        Assert.Equal(ExitCodes.Ok, ws.Run("set-servers", "2001:db8::1", "LIC01").Exit);
    }

    [TestDataFact]
    public void Grace_reset_needs_a_license_server_or_lab_and_is_undoable()
    {
        var ws = new Workspace("unconfigured");
        var original = Workspace.Facts(ws.System);
        var (exit, _, err) = ws.Run("grace", "reset");
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Contains("--lab", err, StringComparison.Ordinal);
        var (ok, output, _) = ws.Run("grace", "reset", "--lab");
        Assert.Equal(0, ok);
        Assert.Contains("Microsoft does not recommend resetting the grace period", output, StringComparison.Ordinal);
        Assert.DoesNotContain("supports", output, StringComparison.Ordinal);
        Assert.Contains("TermService", output, StringComparison.Ordinal);
        Assert.False(ws.Status().GetProperty("gracePeriod").GetProperty("timebombPresent").GetBoolean());
        AssertHivexReads(ws.System);
        Assert.Equal(ExitCodes.Ok, ws.Undo("--last").Exit);
        AssertSameTree(original, Workspace.Facts(ws.System));
    }

    [TestDataFact]
    public void Grace_reset_with_a_license_server_is_refused_without_lab_saying_the_grace_period_no_longer_matters()
    {
        var ws = new Workspace("healthy-peruser");
        byte[] before = File.ReadAllBytes(ws.System);
        var (exit, output, err) = ws.Run("grace", "reset");
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.DoesNotContain("grace period reset", output, StringComparison.Ordinal);
        string line = Assert.Single(err.TrimEnd('\n').Split('\n'), l => l.StartsWith("rdscal: error: ", StringComparison.Ordinal));
        Assert.Contains("no longer matters here", line, StringComparison.Ordinal);
        Assert.Contains("give --lab only on an evaluation host", line, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(ws.System));
    }

    [TestDataTheory]
    [MemberData(nameof(FrontEndCases.Rows), MemberType = typeof(FrontEndCases))]
    public void Each_change_of_the_shared_table_ends_as_it_does_in_powershell(string scenario, string[] cli, string cmdlet, string expected)
    {
        _ = cmdlet;
        var ws = new Workspace(scenario);
        byte[] before = FrontEndCases.Bytes(ws.System, ws.Software);
        var (exit, output, err) = ws.Run(cli);
        if (expected.StartsWith("refused: ", StringComparison.Ordinal))
        {
            Assert.Equal(ExitCodes.Refused, exit);
            Assert.StartsWith("rdscal: error: ", err, StringComparison.Ordinal);
            Assert.Equal(before, FrontEndCases.Bytes(ws.System, ws.Software));
        }
        else if (expected == "nothing to do")
        {
            Assert.Equal(ExitCodes.Ok, exit);
            Assert.Contains("nothing to change", output, StringComparison.Ordinal);
            Assert.Equal(before, FrontEndCases.Bytes(ws.System, ws.Software));
        }
        else
        {
            Assert.True(exit == ExitCodes.Ok, err);
            Assert.Equal(expected, FrontEndCases.After(ws.System, ws.Software));
        }
    }

    [TestDataFact]
    public void Client_reset_deletes_MSLicensing_and_undo_brings_back_every_license()
    {
        var ws = new Workspace("client-store");
        var original = Workspace.Facts(ws.Software);
        var (exit, output, err) = ws.Run("client", "reset");
        Assert.True(exit == 0, err);
        Assert.Contains("as administrator", output, StringComparison.Ordinal);
        Assert.False(ws.Status().GetProperty("clientStore").GetProperty("present").GetBoolean());
        AssertHivexReads(ws.Software);
        Assert.Equal(ExitCodes.Ok, ws.Undo("--last").Exit);
        AssertSameTree(original, Workspace.Facts(ws.Software));
        Assert.Equal(2, ws.Status().GetProperty("clientStore").GetProperty("licenses").GetArrayLength());
    }

    [TestDataFact]
    public void Cert_reset_deletes_the_four_values_and_is_undoable()
    {
        var ws = new Workspace("healthy-peruser");
        var original = Workspace.Facts(ws.System);
        Assert.Equal(ExitCodes.Ok, ws.Run("cert", "reset").Exit);
        Assert.Equal(0, ws.Status().GetProperty("certificates").GetArrayLength());
        AssertHivexReads(ws.System);
        Assert.Equal(ExitCodes.Ok, ws.Undo("--last").Exit);
        AssertSameTree(original, Workspace.Facts(ws.System));
    }

    [TestDataFact]
    public void Backup_then_restore_brings_settings_back_through_the_journal()
    {
        var ws = new Workspace("healthy-peruser");
        var original = Workspace.Facts(ws.System);
        string backup = Path.Combine(ws.Dir, "backup.reg");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("backup", "--system", ws.System, "--software", ws.Software, "--out", backup).Exit);
        Assert.Equal(ExitCodes.Ok, ws.Run("set-mode", "per-device").Exit);
        Assert.Equal(ExitCodes.Ok, ws.Run("set-servers", "other.example.com").Exit);
        var (exit, output, err) = ws.Run("restore", backup);
        Assert.True(exit == 0, err);
        AssertSameTree(original, Workspace.Facts(ws.System));
        AssertHivexReads(ws.System);
        var history = CliRunner.Run("history", "--json", "--journal", ws.Journal);
        Assert.Equal(3, JsonDocument.Parse(history.Out).RootElement.GetArrayLength());
    }

    [TestDataFact]
    public void Undo_refuses_when_the_values_drifted_and_force_overrides()
    {
        var ws = new Workspace("unconfigured");
        Assert.Equal(ExitCodes.Ok, ws.Run("set-mode", "per-user").Exit);
        string first = CliRunner.Run("history", "--json", "--journal", ws.Journal).Out;
        string id = JsonDocument.Parse(first).RootElement[0].GetProperty("id").GetString()!;
        Assert.Equal(ExitCodes.Ok, ws.Run("set-mode", "per-device").Exit);
        byte[] before = File.ReadAllBytes(ws.System);
        var (exit, _, err) = ws.Undo(id);
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Contains("expected REG_DWORD 0x00000004", err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(ws.System));
        Assert.Equal(ExitCodes.Ok, ws.Undo(id, "--force").Exit);
        Assert.Equal("NotConfigured", ws.Status().GetProperty("licensingMode").GetProperty("effective").GetString());
    }

    [TestDataFact]
    public void Reg_inputs_are_left_alone_and_the_change_is_written_as_a_reg_script()
    {
        var ws = new Workspace("unconfigured", reg: true);
        byte[] before = File.ReadAllBytes(ws.System);
        string script = Path.Combine(ws.Dir, "change.reg");
        var (exit, output, err) = ws.Run("set-mode", "per-user", "--out", script);
        Assert.True(exit == 0, err);
        Assert.Equal(before, File.ReadAllBytes(ws.System));
        string text = Encoding.Unicode.GetString(File.ReadAllBytes(script)[2..]);
        Assert.Contains("[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\Terminal Server\\RCM\\Licensing Core]", text, StringComparison.Ordinal);
        Assert.Contains("\"LicensingMode\"=dword:00000004", text, StringComparison.Ordinal);
        // Importing the script into a hive built from the same export gives the intended state.
        string hive = Path.Combine(ws.Dir, "HIVE");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("new", hive).Exit);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("import", hive, ws.System, "--no-backup").Exit);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("import", hive, script, "--no-backup").Exit);
        var (_, json, _) = CliRunner.Run("status", "--system", hive, "--json");
        Assert.Equal("PerUser", JsonDocument.Parse(json).RootElement.GetProperty("licensingMode").GetProperty("effective").GetString());
    }

    public static TheoryData<string, string, string> RegCommands => new()
    {
        { "unconfigured", "set-mode per-device", "licensingMode.effective=PerDevice" },
        { "unconfigured", "set-servers lic09.contoso.com", "licenseServers.effective=lic09.contoso.com" },
        { "legacy-shapes", "set-servers lic09.contoso.com --remove-legacy", "licenseServers.effective=lic09.contoso.com" },
        { "unconfigured", "grace reset --lab", "gracePeriod.timebombPresent=False" },
        { "healthy-peruser", "cert reset", "certificates.count=0" },
        { "client-store", "client reset", "clientStore.present=False" },
        { "policy-overrides", "set-mode per-device --policy", "licensingMode.effective=PerDevice" },
    };

    [TestDataTheory]
    [MemberData(nameof(RegCommands))]
    public void Every_command_on_reg_inputs_writes_a_script_that_produces_the_intended_state(string scenario, string command, string expectation)
    {
        var ws = new Workspace(scenario, reg: true);
        var inputs = Directory.GetFiles(ws.Dir).ToDictionary(f => f, File.ReadAllBytes);
        string script = Path.Combine(ws.Dir, "change.reg");
        var (exit, _, err) = ws.Run([.. command.Split(' '), "--out", script]);
        Assert.True(exit == 0, err);
        foreach (var (file, bytes) in inputs)
        {
            Assert.Equal(bytes, File.ReadAllBytes(file));
        }
        // Build hives from the exports, import the script, and read the result.
        var args = new List<string> { "status", "--json" };
        foreach (string hive in new[] { "SYSTEM", "SOFTWARE" })
        {
            string reg = Path.Combine(ws.Dir, hive + ".reg");
            if (!File.Exists(reg))
            {
                continue;
            }
            string built = Path.Combine(ws.Dir, hive);
            Assert.Equal(ExitCodes.Ok, CliRunner.Run("new", built).Exit);
            Assert.Equal(ExitCodes.Ok, CliRunner.Run("import", built, reg, "--no-backup").Exit);
            var (imported, _, importErr) = CliRunner.Run("import", built, script, "--prefix", "HKEY_LOCAL_MACHINE\\" + hive, "--no-backup");
            Assert.True(imported == 0 || importErr.Contains("is not under", StringComparison.Ordinal), importErr);
            args.AddRange(["--" + hive.ToLowerInvariant(), built]);
        }
        var status = JsonDocument.Parse(CliRunner.Run([.. args]).Out).RootElement;
        var (path, want) = (expectation.Split('=')[0], expectation.Split('=')[1]);
        var parts = path.Split('.');
        var node = status.GetProperty(parts[0]);
        string got = parts[1] switch
        {
            "count" => node.GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => node.GetProperty(parts[1]) is { ValueKind: JsonValueKind.Array } a ? string.Join(",", a.EnumerateArray().Select(e => e.GetString())) : node.GetProperty(parts[1]).ToString(),
        };
        Assert.Equal(want, got);
    }

    [TestDataFact]
    public void A_gzipped_hive_is_read_but_refused_for_changes()
    {
        var ws = new Workspace("unconfigured");
        string gz = Path.Combine(ws.Dir, "SYSTEM.gz");
        using (var output = File.Create(gz))
        using (var zip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            zip.Write(File.ReadAllBytes(ws.System));
        }
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("status", "--system", gz).Exit);
        var (exit, _, err) = CliRunner.Run("set-mode", "per-user", "--system", gz, "--journal", ws.Journal);
        Assert.Equal(ExitCodes.Refused, exit);
        Assert.Contains("compressed hive", err, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void A_read_only_hive_or_a_corrupt_one_is_left_as_it_was()
    {
        var ws = new Workspace("unconfigured");
        byte[] before = File.ReadAllBytes(ws.System);
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(ws.System, FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(ws.System, UnixFileMode.UserRead);
        }
        var (exit, _, err) = ws.Run("set-mode", "per-user");
        Assert.Equal(ExitCodes.AccessDenied, exit);
        Assert.Contains("read-only", err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(ws.System));
        string corrupt = Path.Combine(ws.Dir, "CORRUPT");
        File.WriteAllBytes(corrupt, before[..6000]);
        var (bad, _, badErr) = CliRunner.Run("set-mode", "per-user", "--system", corrupt, "--journal", ws.Journal);
        Assert.Equal(4, bad);
        Assert.Contains("CORRUPT", badErr, StringComparison.Ordinal);
        Assert.Equal(6000, new FileInfo(corrupt).Length);
    }
}

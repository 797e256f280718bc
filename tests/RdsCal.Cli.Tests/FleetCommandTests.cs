using System.Text.Json;
using RdsCal.Licensing.Fleet;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

public class FleetCommandTests
{
    /// <summary>Every scenario as a machine folder (SYSTEM, SOFTWARE and the .reg twins).</summary>
    private static void CopyScenarios(TempFolder scratch, string under)
    {
        foreach (string scenario in Directory.GetDirectories(TestData.Scenario()))
        {
            string target = scratch.Folder(under, Path.GetFileName(scenario));
            foreach (string file in Directory.GetFiles(scenario))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }
    }

    [TestDataFact]
    public void Reads_every_scenario_folder_including_a_gzipped_hive()
    {
        using var scratch = new TempFolder();
        CopyScenarios(scratch, "fleet");
        var (exit, output, err) = CliRunner.Run("fleet", scratch.File("fleet"), "--json");
        Assert.True(exit == 0, err);
        var root = JsonDocument.Parse(output).RootElement;
        var hosts = root.GetProperty("hosts").EnumerateArray().ToDictionary(m => m.GetProperty("host").GetString()!);
        Assert.Equal(6, hosts.Count);
        Assert.All(hosts.Values, m => Assert.Equal(JsonValueKind.Null, m.GetProperty("error").ValueKind));
        // The Windows 7 hive records its computer name, which names the host; the others keep their folder name.
        Assert.Equal("RemoteAdministration", hosts["WKS-WIN732BITA"].GetProperty("configuration").GetProperty("mode").GetString());
        Assert.Equal("Unknown", hosts["client-store"].GetProperty("configuration").GetProperty("mode").GetString());
        Assert.Equal(["RDS001", "RDS002"], hosts["unconfigured"].GetProperty("configuration").GetProperty("findingCodes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("present", hosts["unconfigured"].GetProperty("grace").GetProperty("text").GetString());
        var rds001 = hosts["unconfigured"].GetProperty("findings").EnumerateArray().First();
        Assert.Equal("RDS001", rds001.GetProperty("code").GetString());
        Assert.Equal([@"HKLM\SYSTEM\ControlSet001\Control\Terminal Server\RCM\Licensing Core\LicensingMode = 5"], rds001.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(6, root.GetProperty("groups").GetArrayLength());
        Assert.Equal(ExitCodes.FindingsAtThreshold, CliRunner.Run("fleet", scratch.File("fleet"), "--fail-on", "error").Exit);
        var (_, table, _) = CliRunner.Run("fleet", scratch.File("fleet"));
        Assert.Contains("unconfigured", table, StringComparison.Ordinal);
        Assert.Contains("RDS001  error    1 host(s)", table, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_machine_is_reported_and_the_others_still_read()
    {
        using var scratch = new TempFolder();
        string good = scratch.Folder("fleet", "good");
        File.Copy(CliRunner.Sample("unconfigured", "SYSTEM.reg"), Path.Combine(good, "SYSTEM.reg"));
        File.WriteAllText(Path.Combine(scratch.Folder("fleet", "bad"), "SYSTEM"), "not a hive");
        scratch.Folder("fleet", "empty");
        File.WriteAllText(scratch.File("fleet", "notes.txt"), "a foreign file");
        var (exit, output, _) = CliRunner.Run("fleet", scratch.File("fleet"));
        Assert.Equal(ExitCodes.CorruptInput, exit);
        // Unreadable hosts come first, each on its own line with the file and the reason; the column is 11 wide ("notes.txt" + 2).
        Assert.Contains($"\nbad        unreadable: {scratch.File("fleet", "bad", "SYSTEM")}: not a registry hive (regf) or a .reg export (no 'regf' signature or regedit header)\n" +
            $"empty      unreadable: {scratch.File("fleet", "empty")}: no SYSTEM, SOFTWARE or .pol file in the folder\n" +
            $"notes.txt  unreadable: {scratch.File("fleet", "notes.txt")}: not a machine folder or a status JSON report (.json)\n" +
            "good       A      NotConfigured (server)", output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("NotConfigured (server)", output, StringComparison.Ordinal);
        Assert.StartsWith("4 host(s): 3 unreadable", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_machine_folder_that_cannot_be_listed_is_one_unreadable_host_and_the_run_goes_on()
    {
        // Issue 10 item 8: a folder that vanishes or cannot be listed between expansion and reading used to
        // stop the whole run (exit 5, no table). The reader now reports it as that host's error.
        using var scratch = new TempFolder();
        string good = scratch.Folder("fleet", "good");
        File.Copy(CliRunner.Sample("unconfigured", "SYSTEM.reg"), Path.Combine(good, "SYSTEM.reg"));
        string gone = scratch.Folder("fleet", "gone");
        var inputs = FleetInput.Expand([scratch.File("fleet")]).ToList();
        Directory.Delete(gone);
        var hosts = FleetReader.Read(inputs, 2).ToList();
        Assert.Equal(["gone", "good"], hosts.Select(h => h.Host));
        Assert.StartsWith("Could not find a part of the path", hosts[0].Error, StringComparison.Ordinal);
        Assert.Contains(gone, hosts[0].Error, StringComparison.Ordinal);
        Assert.Null(hosts[1].Error);
        Assert.Equal("NotConfigured", hosts[1].Configuration!.Mode);
    }

    [OffWindowsFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_folder_without_read_permission_is_reported_per_machine()
    {
        using var scratch = new TempFolder();
        string good = scratch.Folder("fleet", "good");
        File.Copy(CliRunner.Sample("unconfigured", "SYSTEM.reg"), Path.Combine(good, "SYSTEM.reg"));
        string locked = scratch.Folder("fleet", "locked");
        File.Copy(CliRunner.Sample("unconfigured", "SYSTEM.reg"), Path.Combine(locked, "SYSTEM.reg"));
        File.SetUnixFileMode(locked, UnixFileMode.None);
        bool deniedHere = !CanList(locked);
        var (exit, output, _) = CliRunner.Run("fleet", scratch.File("fleet"));
        if (deniedHere)
        {
            Assert.Equal(ExitCodes.CorruptInput, exit);
            Assert.Contains("\nlocked  unreadable: ", output, StringComparison.Ordinal);
            Assert.Contains("Access to the path", output, StringComparison.Ordinal);
        }
        else
        {
            // Root reads any folder: then both machines read, which is also the right answer.
            Assert.Equal(ExitCodes.Ok, exit);
            Assert.StartsWith("2 host(s): 0 unreadable", output, StringComparison.Ordinal);
        }
        Assert.Contains("good", output, StringComparison.Ordinal);
    }

    private static bool CanList(string dir)
    {
        try
        {
            _ = Directory.GetFiles(dir);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [TestDataFact]
    public void Status_json_files_and_machine_folders_mix_and_agree()
    {
        using var scratch = new TempFolder();
        CopyScenarios(scratch, "folders");
        string jsonDir = scratch.Folder("json");
        foreach (string scenario in new[] { "healthy-peruser", "policy-overrides", "unconfigured", "legacy-shapes" })
        {
            var (exit, json, err) = CliRunner.Run("status", "--system", TestData.Scenario(scenario, "SYSTEM"), "--software", TestData.Scenario(scenario, "SOFTWARE"), "--json");
            Assert.True(exit == 0, err);
            File.WriteAllText(Path.Combine(jsonDir, scenario + ".json"), json);
        }
        // Windows PowerShell 5.1's Out-File writes UTF-16LE with a BOM.
        File.WriteAllText(Path.Combine(jsonDir, "ps51.json"), File.ReadAllText(Path.Combine(jsonDir, "unconfigured.json")), System.Text.Encoding.Unicode);
        File.WriteAllText(Path.Combine(jsonDir, "truncated.json"), "{\"schemaVersion\": 1, \"licensingMode\": {");
        File.WriteAllText(Path.Combine(jsonDir, "other.json"), "{\"name\": \"not a report\"}");

        var (code, output, _) = CliRunner.Run("fleet", scratch.File("folders"), jsonDir, "--json");
        Assert.Equal(ExitCodes.CorruptInput, code);
        var hosts = JsonDocument.Parse(output).RootElement.GetProperty("hosts").EnumerateArray().ToList();
        Assert.Equal(13, hosts.Count);
        string Fingerprint(JsonElement h) => h.GetProperty("configuration").GetProperty("fingerprint").GetString()!;
        JsonElement Host(string name, string originPart) => hosts.Single(h => h.GetProperty("host").GetString() == name && h.GetProperty("origin").GetString()!.Contains(originPart, StringComparison.Ordinal));
        foreach (string scenario in new[] { "healthy-peruser", "policy-overrides", "unconfigured", "legacy-shapes" })
        {
            Assert.Equal(Fingerprint(Host(scenario, "folders")), Fingerprint(Host(scenario, "json")));
        }
        Assert.Equal(Fingerprint(Host("unconfigured", "folders")), Fingerprint(Host("ps51", "json")));
        Assert.Equal($"{Path.Combine(jsonDir, "truncated.json")}: not valid JSON: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed. LineNumber: 0 | BytePositionInLine: 39.",
            Host("truncated", "json").GetProperty("error").GetString());
        Assert.Equal($"{Path.Combine(jsonDir, "other.json")}: not a status JSON report (no schemaVersion)", Host("other", "json").GetProperty("error").GetString());
    }

    [TestDataFact]
    public void Collected_host_folders_are_named_by_the_folder_and_placeholders_are_unreadable_hosts_with_the_reason()
    {
        using var scratch = new TempFolder();
        string collected = scratch.Folder("collected");
        var (exit, json, err) = CliRunner.Run("status", "--system", TestData.Scenario("healthy-peruser", "SYSTEM"), "--software", TestData.Scenario("healthy-peruser", "SOFTWARE"), "--json");
        Assert.True(exit == 0, err);
        File.WriteAllText(Path.Combine(scratch.Folder("collected", "rdsh01.corp.invalid"), FleetInput.CollectedReportName), json);
        // The Windows 7 hive records the computer name WKS-WIN732BITA: the inventory called it rdsh02.
        (exit, json, err) = CliRunner.Run("status", "--system", TestData.Scenario("workstation-win7", "SYSTEM.gz"), "--json");
        Assert.True(exit == 0, err);
        File.WriteAllText(Path.Combine(scratch.Folder("collected", "rdsh02"), "status.json"), json);
        File.WriteAllText(Path.Combine(scratch.Folder("collected", "rdsh09"), "status.json"),
            """{"collectionError": {"host": "rdsh09", "reason": "unreachable: ssh: connect to host 127.0.0.9 port 22: Connection refused"}}""");
        File.WriteAllText(scratch.File("collected", ".rdscal-collection"), "marker");

        var (code, output, _) = CliRunner.Run("fleet", collected, "--json");
        Assert.Equal(ExitCodes.CorruptInput, code);
        var hosts = JsonDocument.Parse(output).RootElement.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("host").GetString()!);
        Assert.Equal(["RDSH01.CORP.INVALID", "RDSH09", "WKS-WIN732BITA"], hosts.Keys.Select(k => k.ToUpperInvariant()).Order());
        // An FQDN inventory name whose first label is the computer name, or a folder named as the host, is no rename.
        Assert.Equal(JsonValueKind.Null, hosts["rdsh01.corp.invalid"].GetProperty("collectedAs").ValueKind);
        Assert.Equal("rdsh02", hosts["WKS-WIN732BITA"].GetProperty("collectedAs").GetString());
        Assert.Equal("PerUser", hosts["rdsh01.corp.invalid"].GetProperty("configuration").GetProperty("mode").GetString());
        Assert.Equal("unreadable", hosts["rdsh09"].GetProperty("status").GetString());
        Assert.Equal("not collected: unreachable: ssh: connect to host 127.0.0.9 port 22: Connection refused", hosts["rdsh09"].GetProperty("error").GetString());
        Assert.Equal(scratch.File("collected", "rdsh09", "status.json"), hosts["rdsh09"].GetProperty("origin").GetString());

        var (_, table, _) = CliRunner.Run("fleet", collected);
        Assert.Contains("\n  WKS-WIN732BITA: collected as rdsh02\n", table, StringComparison.Ordinal);
        // One collected host folder given on its own is that host.
        var (_, one, _) = CliRunner.Run("fleet", scratch.File("collected", "rdsh09"), "--json");
        Assert.Equal("rdsh09", JsonDocument.Parse(one).RootElement.GetProperty("hosts")[0].GetProperty("host").GetString());
    }

    [Theory]
    [InlineData("rdsh01", "RDSH01", true)]
    [InlineData("rdsh01.corp.invalid", "RDSH01", true)]
    [InlineData("rdsh01.corp.invalid", "RDSH02", false)]
    [InlineData("127.0.0.2", "127", false)]
    [InlineData("rdsh01", "rdsh01.corp.invalid", false)]
    public void Names_are_the_same_machine_when_equal_or_the_first_dns_label_matches(string collectedAs, string computerName, bool same) =>
        Assert.Equal(same, HostAudit.NamesSameMachine(collectedAs, computerName));

    [TestDataFact]
    public void Minority_groups_list_their_hosts_and_exact_differences_from_the_majority_or_a_baseline()
    {
        using var scratch = new TempFolder();
        foreach (var (name, scenario) in new[] { ("rdsh1", "healthy-peruser"), ("rdsh2", "healthy-peruser"), ("rdsh3", "healthy-peruser"), ("rdsh4", "unconfigured") })
        {
            string dir = scratch.Folder("fleet", name);
            File.Copy(TestData.Scenario(scenario, "SYSTEM"), Path.Combine(dir, "SYSTEM"));
            File.Copy(TestData.Scenario(scenario, "SOFTWARE"), Path.Combine(dir, "SOFTWARE"));
        }
        var (exit, output, _) = CliRunner.Run("fleet", scratch.File("fleet"), "--json");
        Assert.Equal(ExitCodes.Ok, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("majority: 3 of 4 readable hosts", root.GetProperty("norm").GetProperty("from").GetString());
        var groups = root.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(2, groups.Count);
        Assert.True(groups[0].GetProperty("isNorm").GetBoolean());
        Assert.Equal(["rdsh4"], groups[1].GetProperty("hosts").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(
            [
                "licensing mode|PerUser (server)|NotConfigured (server)",
                "license servers|lic01.contoso.com (server)|none",
                "findings|RDS004|RDS001 RDS002 (+RDS001 +RDS002 -RDS004)",
            ],
            groups[1].GetProperty("differences").EnumerateArray().Select(d => $"{d.GetProperty("setting").GetString()}|{d.GetProperty("norm").GetString()}|{d.GetProperty("value").GetString()}"));
        var counts = root.GetProperty("findingCounts").EnumerateArray().Select(c => $"{c.GetProperty("code").GetString()} {c.GetProperty("severity").GetString()} {c.GetProperty("hosts").GetInt32()}");
        Assert.Equal(["RDS001 error 1", "RDS002 error 1", "RDS004 info 3"], counts);

        // With the odd host as the baseline, the three others are the deviation.
        var (_, text, _) = CliRunner.Run("fleet", scratch.File("fleet"), "--baseline", "rdsh4");
        Assert.Contains("Norm (baseline host rdsh4): mode NotConfigured (server); servers none", text, StringComparison.Ordinal);
        Assert.Contains("hosts: rdsh1, rdsh2, rdsh3", text, StringComparison.Ordinal);
        Assert.Contains("licensing mode: PerUser (server) instead of NotConfigured (server)", text, StringComparison.Ordinal);
        // Hosts with errors come first in the host list.
        int first = text.IndexOf("\nrdsh4 ", StringComparison.Ordinal);
        Assert.True(first > 0 && first < text.IndexOf("\nrdsh1 ", StringComparison.Ordinal));

        var (_, json, _) = CliRunner.Run("status", "--system", TestData.Scenario("unconfigured", "SYSTEM"), "--software", TestData.Scenario("unconfigured", "SOFTWARE"), "--json");
        File.WriteAllText(scratch.File("baseline.json"), json);
        var (_, fromFile, _) = CliRunner.Run("fleet", scratch.File("fleet"), "--baseline", scratch.File("baseline.json"));
        Assert.Contains("hosts: rdsh1, rdsh2, rdsh3", fromFile, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("fleet", scratch.File("fleet"), "--baseline", "nosuchhost").Exit);
    }

    [TestDataFact]
    public void Csv_has_one_row_per_host_and_report_files_are_not_replaced_without_force()
    {
        using var scratch = new TempFolder();
        CopyScenarios(scratch, "fleet");
        string csv = scratch.File("fleet.csv");
        var (exit, _, err) = CliRunner.Run("fleet", scratch.File("fleet"), "--csv", csv);
        Assert.True(exit == 0, err);
        var lines = File.ReadAllText(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("host,status,fingerprint,mode,mode_source,servers,servers_source,notifications,role,grace,errors,warnings,findings,error,origin", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("policy-overrides,ok,", StringComparison.Ordinal) && l.Contains(",PerUser,policy,\"lic01.contoso.com,lic02.contoso.com\",policy,hidden by policy,session host,present,0,0,", StringComparison.Ordinal));

        File.WriteAllText(csv, "keep me");
        var (refused, _, message) = CliRunner.Run("fleet", scratch.File("fleet"), "--csv", csv);
        Assert.Equal(7, refused);
        Assert.Equal($"rdscal: error: {csv} exists; give --force to replace it\n", message.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("keep me", File.ReadAllText(csv));
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("fleet", scratch.File("fleet"), "--csv", csv, "--force").Exit);
        Assert.StartsWith("host,status,", File.ReadAllText(csv), StringComparison.Ordinal);
    }
}

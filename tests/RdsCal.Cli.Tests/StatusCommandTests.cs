using System.Text.Json;
using RdsCal.Registry.Hive;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

public class StatusCommandTests
{
    [Fact]
    public void Json_report_on_the_unconfigured_sample_carries_the_contract_fields()
    {
        var (exit, output, err) = CliRunner.Run("status", "--system", CliRunner.Sample("unconfigured", "SYSTEM.reg"), "--software", CliRunner.Sample("unconfigured", "SOFTWARE.reg"), "--json");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(string.Empty, err);
        using var doc = JsonDocument.Parse(output);
        var r = doc.RootElement;
        Assert.Equal(1, r.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("NotConfigured", r.GetProperty("licensingMode").GetProperty("effective").GetString());
        Assert.Equal(5, r.GetProperty("licensingMode").GetProperty("raw").GetInt32());
        Assert.Equal("server", r.GetProperty("licensingMode").GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("licensingMode").GetProperty("shadowed").ValueKind);
        Assert.Equal(0, r.GetProperty("licenseServers").GetProperty("effective").GetArrayLength());
        Assert.Equal("none", r.GetProperty("licenseServers").GetProperty("source").GetString());
        Assert.True(r.GetProperty("gracePeriod").GetProperty("timebombPresent").GetBoolean());
        Assert.False(r.GetProperty("clientStore").GetProperty("present").GetBoolean());
        var findings = r.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("code").GetString() == "RDS001" && f.GetProperty("severity").GetString() == "error");
        Assert.All(findings, f =>
        {
            Assert.False(string.IsNullOrEmpty(f.GetProperty("message").GetString()));
            Assert.False(string.IsNullOrEmpty(f.GetProperty("remedy").GetString()));
            Assert.Equal(JsonValueKind.Array, f.GetProperty("evidence").ValueKind);
        });
    }

    [Fact]
    public void Gpo_sample_shows_policy_winning_and_the_shadowed_server_values()
    {
        var (exit, output, _) = CliRunner.Run("status", "--system", CliRunner.Sample("gpo-override", "SYSTEM.reg"), "--software", CliRunner.Sample("gpo-override", "SOFTWARE.reg"), "--json");
        Assert.Equal(ExitCodes.Ok, exit);
        var r = JsonDocument.Parse(output).RootElement;
        Assert.Equal("policy", r.GetProperty("licensingMode").GetProperty("source").GetString());
        Assert.Equal("PerDevice", r.GetProperty("licensingMode").GetProperty("shadowed").GetProperty("effective").GetString());
        Assert.Equal(["lic01.corp.example.com", "lic02.corp.example.com"], r.GetProperty("licenseServers").GetProperty("effective").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["old-lic.corp.example.com"], r.GetProperty("licenseServers").GetProperty("shadowed").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Human_report_names_the_errors_and_their_remedies()
    {
        var (exit, output, _) = CliRunner.Run("status", "--system", CliRunner.Sample("unconfigured", "SYSTEM.reg"), "--software", CliRunner.Sample("unconfigured", "SOFTWARE.reg"));
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("NotConfigured (raw 5)", output, StringComparison.Ordinal);
        Assert.Contains("RDS001", output, StringComparison.Ordinal);
        Assert.Contains("fix:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
        // Finding, fix and evidence only: the sources are one command away and in the JSON.
        Assert.DoesNotContain("source:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", output, StringComparison.Ordinal);
        Assert.Contains("'rdscal explain RDS001'", output, StringComparison.Ordinal);
        Assert.True(output.Split('\n').Length < 45, $"{output.Split('\n').Length} lines");
    }

    [Fact]
    public void Fail_on_turns_findings_into_exit_code_3()
    {
        var args = new[] { "status", "--system", CliRunner.Sample("unconfigured", "SYSTEM.reg"), "--software", CliRunner.Sample("unconfigured", "SOFTWARE.reg"), "--fail-on", "error" };
        Assert.Equal(ExitCodes.FindingsAtThreshold, CliRunner.Run(args).Exit);
        var healthy = new[] { "status", "--system", CliRunner.Sample("healthy-perdevice", "SYSTEM.reg"), "--software", CliRunner.Sample("healthy-perdevice", "SOFTWARE.reg"), "--fail-on", "warning" };
        Assert.Equal(ExitCodes.Ok, CliRunner.Run(healthy).Exit);
    }

    [Fact]
    public void A_missing_input_file_is_one_line_and_exit_6()
    {
        var (exit, output, err) = CliRunner.Run("status", "--system", "/nonexistent/SYSTEM");
        Assert.Equal(ExitCodes.InputMissing, exit);
        Assert.Equal(string.Empty, output);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("/nonexistent/SYSTEM", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_no_registry_input_is_one_line_and_exit_4()
    {
        string junk = Path.Combine(Directory.CreateTempSubdirectory().FullName, "SYSTEM");
        File.WriteAllText(junk, "hello");
        var (exit, _, err) = CliRunner.Run("status", "--system", junk);
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains(junk, err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void A_truncated_hive_is_one_line_naming_the_file_and_offset()
    {
        var (exit, _, err) = CliRunner.Run("status", "--system", TestData.Real("yarp", "TruncatedHive"));
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("TruncatedHive", err, StringComparison.Ordinal);
        Assert.Contains("0x3000", err, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void An_out_of_order_subkey_list_is_one_warning_of_the_system_source_in_the_json()
    {
        byte[] bytes = TestData.Bytes(TestData.Scenario("legacy-shapes", "SYSTEM"));
        uint key;
        using (var hive = HiveFile.Load(bytes))
        {
            key = ((HiveKey)hive.Root.Open(@"ControlSet001\Services\TermService\Parameters\LicenseServers")!).CellOffset;
        }
        using var temp = new TempFolder();
        string system = temp.File("SYSTEM");
        File.WriteAllBytes(system, HostileHive.WithFirstSubkeysSwapped(bytes, key));

        var (exit, output, err) = CliRunner.Run("status", "--system", system, "--json");

        Assert.True(exit == 0, err);
        using var doc = JsonDocument.Parse(output);
        var warnings = doc.RootElement.GetProperty("sources").GetProperty("system").GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        string warning = Assert.Single(warnings)!;
        Assert.StartsWith("subkeys of 'LicenseServers' are out of order ('SpecifiedLicenseServers' before 'lic-old.contoso.com'): Windows may not find some of them (at file offset 0x", warning, StringComparison.Ordinal);
        Assert.Equal(2, output.Split("are out of order").Length);
    }

    [OffWindowsFact]
    public void Without_files_off_Windows_it_says_which_options_to_give()
    {
        var (exit, _, err) = CliRunner.Run("status");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--system", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_options_are_usage_errors()
    {
        var (exit, _, err) = CliRunner.Run("status", "--frobnicate");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("frobnicate", err, StringComparison.Ordinal);
    }
}

public class StatusWithPolicyFilesTests
{
    [Fact]
    public void A_GPO_policy_file_overrides_local_policy_and_deletes_what_it_names()
    {
        var (exit, output, err) = CliRunner.Run("status", "--system", CliRunner.Sample("gpo-override", "SYSTEM.reg"), "--software", CliRunner.Sample("gpo-override", "SOFTWARE.reg"),
            "--gpo", CliRunner.Sample("gpo-override", "Machine-registry.pol"), "--json");
        Assert.True(exit == 0, err);
        var r = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Equal("PerDevice", r.GetProperty("licensingMode").GetProperty("effective").GetString());
        Assert.Equal("policy", r.GetProperty("licensingMode").GetProperty("source").GetString());
        Assert.DoesNotContain(r.GetProperty("policies").EnumerateArray(), p => p.GetProperty("name").GetString() == "fDisableTerminalServerTooltip");
    }

    [Fact]
    public void A_policy_file_alone_gives_policy_with_the_rest_unknown()
    {
        var (exit, output, err) = CliRunner.Run("status", "--gpo", CliRunner.Sample("gpo-override", "Machine-registry.pol"), "--json");
        Assert.True(exit == 0, err);
        var r = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Equal(["lic01.corp.example.com", "lic02.corp.example.com"], r.GetProperty("licenseServers").GetProperty("effective").EnumerateArray().Select(e => e.GetString()));
    }
}

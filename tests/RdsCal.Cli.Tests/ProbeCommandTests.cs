using System.Text;
using System.Text.Json;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>
/// <c>rdscal probe</c> end to end, in process. Only loopback addresses and names under <c>.invalid</c> are probed:
/// nothing leaves the machine.
/// </summary>
public class ProbeCommandTests
{
    [Fact]
    public void A_loopback_server_gets_one_row_per_check_and_refused_ports_make_RDS019()
    {
        // Nothing listens on 127.0.0.1:135 or :445 here (no RPC, no SMB): both are refused at once.
        var (exit, output, error) = CliRunner.Run("probe", "--server", "127.0.0.1", "--timeout", "5");

        Assert.Equal((0, string.Empty), (exit, error));
        Assert.Contains("license server 127.0.0.1 (given)", output, StringComparison.Ordinal);
        Assert.Matches(@"\n  dns +ok +\d+ ms  system resolver: 127\.0\.0\.1\n", output);
        Assert.Matches(@"\n  tcp135 +problem +\d+ ms  127\.0\.0\.1:135 ConnectionRefused \(socket error \d+\)", output);
        Assert.Matches(@"\n  tcp445 +problem +\d+ ms  127\.0\.0\.1:445 ConnectionRefused", output);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Matches(@"\n  connectivity +unavailable .*WMI is not available: WMI exists only on Windows", output);
            Assert.Matches(@"\n  activation +unavailable .*WMI is not available: WMI exists only on Windows", output);
        }
        Assert.Contains("  RDS019 error: License server 127.0.0.1 cannot be reached from this machine", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error", 3)]
    [InlineData("none", 0)]
    public void Fail_on_turns_an_unreachable_server_into_exit_3(string threshold, int expected)
    {
        var (exit, _, _) = CliRunner.Run("probe", "--server", "ls1.probe.invalid", "--fail-on", threshold);

        Assert.Equal(expected, exit);
    }

    [Fact]
    public void Json_has_the_documented_shape_and_only_the_contracts_words()
    {
        var (exit, output, _) = CliRunner.Run("probe", "--server", "ls1.probe.invalid", "--server", "127.0.0.1", "--json", "--timeout", "5");

        Assert.Equal(ExitCodes.Ok, exit);
        using var doc = JsonDocument.Parse(output);
        var servers = doc.RootElement.GetProperty("servers").EnumerateArray().ToList();
        Assert.Equal(["ls1.probe.invalid", "127.0.0.1"], servers.Select(s => s.GetProperty("name").GetString()));
        var dnsRow = servers[0].GetProperty("checks")[0];
        Assert.Equal(("dns", "problem"), (dnsRow.GetProperty("check").GetString(), dnsRow.GetProperty("outcome").GetString()));
        Assert.Equal("skipped", servers[0].GetProperty("checks")[1].GetProperty("outcome").GetString());
        Assert.DoesNotContain(servers.SelectMany(s => s.GetProperty("checks").EnumerateArray()), c => c.GetProperty("check").GetString() is "connectivity" or "activation" && c.GetProperty("outcome").GetString() == "ok" && !OperatingSystem.IsWindows());
        Assert.Equal(["RDS019", "RDS019"], doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
    }

    [Fact]
    public void A_hives_short_server_name_is_qualified_with_its_dns_suffix_and_checked_from_here()
    {
        using var scratch = new TempFolder();
        string system = scratch.File("SYSTEM.reg");
        File.WriteAllText(system, Hive(["ls1"], "probe.invalid"), Encoding.Unicode);

        var (exit, output, error) = CliRunner.Run("probe", "--system", system);

        Assert.Equal((0, string.Empty), (exit, error));
        Assert.Contains("The hive's license servers, checked from this machine (", output, StringComparison.Ordinal);
        Assert.Contains("license server ls1.probe.invalid (serverSetting)\n  note: configured as ls1; qualified with the hive's primary DNS suffix probe.invalid\n", output, StringComparison.Ordinal);
        Assert.Matches(@"\n  connectivity +skipped +0 ms  not run: the session host is the hive's machine, not this one", output);
    }

    [Fact]
    public void A_hive_without_a_server_is_one_line_and_exit_2()
    {
        using var scratch = new TempFolder();
        string system = scratch.File("SYSTEM.reg");
        File.WriteAllText(system, Hive([], "probe.invalid"), Encoding.Unicode);

        var (exit, output, error) = CliRunner.Run("probe", "--system", system);

        Assert.Equal((2, string.Empty), (exit, output));
        Assert.Equal("rdscal: error: no license server is configured in these hives (discovery asks only this machine's own service): give --server NAME" + Environment.NewLine, error);
    }

    [Theory]
    [InlineData("--timeout 0 --server 127.0.0.1", "rdscal: error: --timeout 0: give seconds above 0 and at most 60")]
    [InlineData("--timeout 61 --server 127.0.0.1", "rdscal: error: --timeout 61: give seconds above 0 and at most 60")]
    [InlineData("--server 127.0.0.1 --system SYSTEM.reg", "rdscal: error: give either --server NAME or --system/--software FILE, not both: the servers come from one of them")]
    public void Bad_arguments_are_one_line_and_exit_2(string arguments, string message)
    {
        var (exit, output, error) = CliRunner.Run(["probe", .. arguments.Split(' ')]);

        Assert.Equal((2, string.Empty, message + Environment.NewLine), (exit, output, error));
    }

    [OffWindowsFact]
    public void Without_servers_or_hives_off_Windows_it_says_what_to_give()
    {
        var (exit, _, error) = CliRunner.Run("probe");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("rdscal: error: give --server NAME, or --system FILE --software FILE", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error", 3)]
    [InlineData("none", 0)]
    public void Status_with_probe_joins_the_probes_findings_so_fail_on_alerts(string threshold, int expected)
    {
        using var scratch = new TempFolder();
        string system = scratch.File("SYSTEM.reg");
        File.WriteAllText(system, Hive(["ls1"], "probe.invalid"), Encoding.Unicode);

        var (plainExit, plain, _) = CliRunner.Run("status", "--system", system, "--json", "--fail-on", threshold);
        var (exit, output, error) = CliRunner.Run("status", "--system", system, "--json", "--probe", "--fail-on", threshold);

        Assert.Equal((expected, string.Empty), (exit, error));
        using var before = JsonDocument.Parse(plain);
        using var after = JsonDocument.Parse(output);
        Assert.DoesNotContain(before.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "RDS019");
        var unreachable = Assert.Single(after.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "RDS019");
        Assert.StartsWith("License server ls1.probe.invalid cannot be reached from this machine", unreachable.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("dns: ", unreachable.GetProperty("evidence")[0].GetString(), StringComparison.Ordinal);
        Assert.True(plainExit <= exit);
    }

    [Fact]
    public void Check_with_probe_is_critical_for_an_unreachable_license_server()
    {
        using var scratch = new TempFolder();
        string system = scratch.File("SYSTEM.reg");
        string software = scratch.File("SOFTWARE.reg");
        File.WriteAllText(system, Hive(["ls1"], "probe.invalid", mode: 4), Encoding.Unicode);
        File.WriteAllText(software, "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion]\r\n\"CurrentBuild\"=\"17763\"\r\n\r\n", Encoding.Unicode);

        var (plainExit, plain, _) = CliRunner.Run("check", "--system", system, "--software", software);
        var (exit, output, _) = CliRunner.Run("check", "--system", system, "--software", software, "--probe", "--probe-timeout", "2");

        Assert.DoesNotContain("RDS019", plain, StringComparison.Ordinal);
        Assert.Equal(2, exit);
        Assert.StartsWith("RDS LICENSING CRITICAL - ", output, StringComparison.Ordinal);
        Assert.Contains("RDS019", output.Split('\n')[0], StringComparison.Ordinal);
        Assert.NotEqual(2, plainExit);
    }

    [Fact]
    public void A_bad_probe_timeout_is_a_usage_error_for_status_and_unknown_for_check()
    {
        var (exit, _, error) = CliRunner.Run("status", "--system", "SYSTEM.reg", "--probe", "--probe-timeout", "0");
        var (checkExit, checkOutput, _) = CliRunner.Run("check", "--system", "SYSTEM.reg", "--probe", "--probe-timeout", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--probe-timeout 0: give seconds above 0 and at most 60", error, StringComparison.Ordinal);
        Assert.Equal(3, checkExit);
        Assert.StartsWith("RDS LICENSING UNKNOWN - ", checkOutput, StringComparison.Ordinal);
    }

    private static string Hive(string[] servers, string domain, uint? mode = null)
    {
        var text = new StringBuilder("Windows Registry Editor Version 5.00\r\n\r\n");
        text.Append("[HKEY_LOCAL_MACHINE\\SYSTEM\\Select]\r\n\"Current\"=dword:00000001\r\n\r\n");
        text.Append("[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\ProductOptions]\r\n\"ProductType\"=\"ServerNT\"\r\n\r\n");
        text.Append($"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\Tcpip\\Parameters]\r\n\"Domain\"=\"{domain}\"\r\n\r\n");
        if (mode is { } m)
        {
            text.Append($"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\Terminal Server\\RCM\\Licensing Core]\r\n\"LicensingMode\"=dword:{m:x8}\r\n\r\n");
        }
        if (servers.Length > 0)
        {
            byte[] multi = Encoding.Unicode.GetBytes(string.Concat(servers.Select(s => s + "\0")) + "\0");
            text.Append("[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\TermService\\Parameters\\LicenseServers]\r\n");
            text.Append($"\"SpecifiedLicenseServers\"=hex(7):{string.Join(',', multi.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)))}\r\n\r\n");
        }
        return text.ToString();
    }
}

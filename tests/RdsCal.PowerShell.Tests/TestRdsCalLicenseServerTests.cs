using System.Management.Automation;
using System.Text;
using System.Text.Json;
using RdsCal.Tests;

namespace RdsCal.PowerShell.Tests;

/// <summary>
/// <c>Test-RdsCalLicenseServer</c> in process. Only loopback addresses are probed (nothing listens on 135 or 445 of
/// them here, so both ports are refused at once): nothing leaves the machine.
/// </summary>
public sealed class TestRdsCalLicenseServerTests : IDisposable
{
    private static readonly string[] Checks = ["dns", "tcp135", "tcp445", "pipe", "connectivity", "activation", "cals", "groups", "cals-match"];

    private readonly ModuleSession session = new();
    private readonly TempFolder temp = new();

    public void Dispose()
    {
        session.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void A_named_server_gets_one_row_per_check_in_the_contracts_words_and_refused_ports_make_RDS019()
    {
        var (output, errors) = session.Run("Test-RdsCalLicenseServer -Name 127.0.0.1 -Timeout 5");

        Assert.Empty(errors);
        var probe = Assert.IsType<RdsCalLicenseServerProbe>(Assert.Single(output).BaseObject);
        var server = Assert.Single(probe.Servers);
        Assert.Equal(("127.0.0.1", "given"), (server.Name, server.Source));
        Assert.Equal(Checks, server.Checks.Select(c => c.Check));
        Assert.Equal(("ok", "system resolver: 127.0.0.1"), (server.Checks[0].Outcome, server.Checks[0].Evidence));
        Assert.Equal(["problem", "problem"], server.Checks.Skip(1).Take(2).Select(c => c.Outcome));
        Assert.StartsWith("127.0.0.1:135 ConnectionRefused", server.Checks[1].Evidence, StringComparison.Ordinal);
        Assert.Equal(("skipped", "not run: 127.0.0.1 does not accept SMB (see tcp445), which the pipe needs"), (server.Checks[3].Outcome, server.Checks[3].Evidence));
        if (!OperatingSystem.IsWindows())
        {
            Assert.All(server.Checks.Skip(3), c => Assert.NotEqual("ok", c.Outcome));
            Assert.Contains("WMI exists only on Windows", server.Checks[4].Evidence, StringComparison.Ordinal);
        }
        Assert.Equal("RDS019", Assert.Single(probe.Findings).Code.ToString());
    }

    [Fact]
    public void ProbeJson_is_the_cli_contract_and_agrees_with_the_objects()
    {
        var (output, _) = session.Run("Test-RdsCalLicenseServer -Name 127.0.0.1");
        var probe = (RdsCalLicenseServerProbe)output[0].BaseObject;

        using var doc = JsonDocument.Parse(probe.ProbeJson);
        Assert.Equal(1, doc.RootElement.GetProperty("schemaVersion").GetInt32());
        var server = Assert.Single(doc.RootElement.GetProperty("servers").EnumerateArray());
        Assert.Equal("127.0.0.1", server.GetProperty("name").GetString());
        Assert.Equal(
            probe.Servers[0].Checks.Select(c => (c.Check, c.Outcome, c.Evidence)),
            server.GetProperty("checks").EnumerateArray().Select(c => (c.GetProperty("check").GetString()!, c.GetProperty("outcome").GetString()!, c.GetProperty("evidence").GetString()!)));
        Assert.Equal(["RDS019"], doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()));
    }

    [Fact]
    public void Names_from_the_pipeline_are_probed_together_in_one_report()
    {
        var (output, errors) = session.Run("'127.0.0.1', '127.0.0.2' | Test-RdsCalLicenseServer -Timeout 2");

        Assert.Empty(errors);
        var probe = (RdsCalLicenseServerProbe)Assert.Single(output).BaseObject;
        Assert.Equal(["127.0.0.1", "127.0.0.2"], probe.Servers.Select(s => s.Name));
        Assert.Equal(2, probe.Findings.Count(f => f.Code.ToString() == "RDS019"));
    }

    [Fact]
    public void A_hives_servers_are_checked_from_here_and_the_session_hosts_verdict_is_not_asked()
    {
        string system = temp.File("SYSTEM.reg");
        File.WriteAllText(system, Hive(["127.0.0.1"], "probe.invalid"), Encoding.Unicode);

        var (output, errors) = session.Run("Test-RdsCalLicenseServer -SystemHive $args[0] -Timeout 2", system);

        Assert.Empty(errors);
        var server = Assert.Single(((RdsCalLicenseServerProbe)Assert.Single(output).BaseObject).Servers);
        Assert.Equal(("127.0.0.1", "serverSetting"), (server.Name, server.Source));
        var connectivity = server.Checks.Single(c => c.Check == "connectivity");
        Assert.Equal("skipped", connectivity.Outcome);
        Assert.StartsWith("not run: the session host is the hive's machine, not this one", connectivity.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hive_without_a_server_is_a_terminating_error_that_says_what_to_give()
    {
        string system = temp.File("SYSTEM.reg");
        File.WriteAllText(system, Hive([], "probe.invalid"), Encoding.Unicode);

        var error = session.Terminating("Test-RdsCalLicenseServer", new Dictionary<string, object> { ["SystemHive"] = system });

        Assert.Equal("No license server is configured in these hives (discovery asks only this machine's own service): give -Name.", error.Exception.Message);
        Assert.StartsWith("ProbeNoServerConfigured", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [Theory]
    [InlineData(0.0, "-Timeout 0: give seconds above 0 and at most 60.")]
    [InlineData(61.0, "-Timeout 61: give seconds above 0 and at most 60.")]
    public void A_timeout_out_of_range_is_refused_before_anything_is_probed(double seconds, string message)
    {
        var error = session.Terminating("Test-RdsCalLicenseServer", new Dictionary<string, object> { ["Name"] = new[] { "127.0.0.1" }, ["Timeout"] = seconds });

        Assert.Equal(message, error.Exception.Message);
    }

    [Fact]
    public void A_missing_hive_is_an_error_naming_it()
    {
        string missing = temp.File("nope", "SYSTEM");

        var (output, errors) = session.Run("Test-RdsCalLicenseServer -SystemHive $args[0]", missing);

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains(missing, error.TargetObject?.ToString() ?? error.Exception.Message, StringComparison.Ordinal);
    }

    [OffWindowsFact]
    public void Without_names_or_hives_off_Windows_it_says_what_to_give()
    {
        var error = session.Terminating("Test-RdsCalLicenseServer");

        Assert.StartsWith("Give -Name, or -SystemHive/-SoftwareHive", error.Exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("ProbeLiveRegistryNeedsWindows", error.FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    private static string Hive(string[] servers, string domain)
    {
        var text = new StringBuilder("Windows Registry Editor Version 5.00\r\n\r\n");
        text.Append("[HKEY_LOCAL_MACHINE\\SYSTEM\\Select]\r\n\"Current\"=dword:00000001\r\n\r\n");
        text.Append("[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\ProductOptions]\r\n\"ProductType\"=\"ServerNT\"\r\n\r\n");
        text.Append($"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\Tcpip\\Parameters]\r\n\"Domain\"=\"{domain}\"\r\n\r\n");
        if (servers.Length > 0)
        {
            byte[] multi = Encoding.Unicode.GetBytes(string.Concat(servers.Select(s => s + "\0")) + "\0");
            text.Append("[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\TermService\\Parameters\\LicenseServers]\r\n");
            text.Append($"\"SpecifiedLicenseServers\"=hex(7):{string.Join(',', multi.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)))}\r\n\r\n");
        }
        return text.ToString();
    }
}

using System.Text.Json;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>Domain membership from SECURITY (unknown otherwise), grace-period wording, sources on findings, invented locations.</summary>
public class StatusMembershipAndGraceTests
{
    [TestDataFact]
    public void Security_gives_domain_membership_and_json_says_where_it_came_from()
    {
        var (exit, output, err) = CliRunner.Run("status", "--system", CliRunner.Sample("unconfigured", "SYSTEM.reg"), "--software", CliRunner.Sample("unconfigured", "SOFTWARE.reg"),
            "--security", TestData.Real("regipy", "SECURITY"), "--json");
        Assert.True(exit == 0, err);
        var r = JsonDocument.Parse(output).RootElement;
        var host = r.GetProperty("host");
        Assert.False(host.GetProperty("isDomainJoined").GetBoolean());
        Assert.Equal("security", host.GetProperty("domainSource").GetString());
        Assert.Equal("WORKGROUP", host.GetProperty("primaryDomain").GetString());
        Assert.Equal(JsonValueKind.Null, host.GetProperty("primaryDomainSid").ValueKind);
        Assert.EndsWith("SECURITY", r.GetProperty("sources").GetProperty("security").GetProperty("path").GetString(), StringComparison.Ordinal);
        var human = CliRunner.Run("status", "--system", CliRunner.Sample("unconfigured", "SYSTEM.reg"), "--security", TestData.Real("regipy", "SECURITY")).Out;
        Assert.Contains("workgroup WORKGROUP (no domain SID), from HKLM\\SECURITY\\Policy\\PolPrDmN", human, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_security_membership_is_unknown_and_the_grace_period_is_only_present()
    {
        var (exit, output, _) = CliRunner.Run("status", "--system", CliRunner.Sample("unconfigured", "SYSTEM.reg"), "--software", CliRunner.Sample("unconfigured", "SOFTWARE.reg"), "--json");
        Assert.Equal(ExitCodes.Ok, exit);
        var r = JsonDocument.Parse(output).RootElement;
        Assert.Equal(JsonValueKind.Null, r.GetProperty("host").GetProperty("isDomainJoined").ValueKind);
        Assert.Equal("unknown", r.GetProperty("host").GetProperty("domainSource").GetString());
        Assert.Equal("timebombPresent", r.GetProperty("gracePeriod").GetProperty("state").GetString());
        Assert.Contains("does not say whether the grace period is running", r.GetProperty("gracePeriod").GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.All(r.GetProperty("findings").EnumerateArray(), f =>
        {
            Assert.NotEqual(0, f.GetProperty("sources").GetArrayLength());
            Assert.Contains(f.GetProperty("appliesTo").GetString(), new[] { "sessionHost", "licenseServer", "connectingClient", "machineRead" });
        });
        var human = CliRunner.Run("status", "--system", CliRunner.Sample("unconfigured", "SYSTEM.reg")).Out;
        Assert.Contains("unknown (give --security SECURITY)", human, StringComparison.Ordinal);
        Assert.Contains("timebomb present", human, StringComparison.Ordinal);
        Assert.Contains("it stays after the grace period ends and after the host is licensed, so it does not say whether the grace period is running", human, StringComparison.Ordinal);
        Assert.DoesNotContain("The grace period is running", human, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void Invented_locations_written_into_a_copy_of_a_real_scenario_are_found_and_ignored()
    {
        string dir = Directory.CreateTempSubdirectory("rdscal-invented-").FullName;
        try
        {
            string system = Path.Combine(dir, "SYSTEM");
            File.Copy(TestData.Scenario("healthy-peruser", "SYSTEM"), system);
            File.SetAttributes(system, FileAttributes.Normal);
            string controlSet = JsonDocument.Parse(CliRunner.Run("status", "--system", system, "--json").Out).RootElement.GetProperty("controlSet").GetString()!;
            string reg = Path.Combine(dir, "invented.reg");
            File.WriteAllText(reg, "Windows Registry Editor Version 5.00\r\n\r\n"
                + $"[HKEY_LOCAL_MACHINE\\SYSTEM\\{controlSet}\\Control\\Terminal Server\\RCM\\LicenseServers\\lic99.contoso.com]\r\n\r\n"
                + $"[HKEY_LOCAL_MACHINE\\SYSTEM\\{controlSet}\\Services\\TermServLicensing\\Parameters\\IssuedLicenses]\r\n\"Count\"=dword:00000005\r\n");
            Assert.Equal(ExitCodes.Ok, CliRunner.Run("import", system, reg, "--prefix", "HKEY_LOCAL_MACHINE\\SYSTEM", "--no-backup").Exit);
            var r = JsonDocument.Parse(CliRunner.Run("status", "--system", system, "--json").Out).RootElement;
            var f = Assert.Single(r.GetProperty("findings").EnumerateArray(), x => x.GetProperty("code").GetString() == "RDS017");
            Assert.Equal(2, f.GetProperty("evidence").GetArrayLength());
            Assert.Equal(["lic01.contoso.com"], r.GetProperty("licenseServers").GetProperty("effective").EnumerateArray().Select(e => e.GetString()));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

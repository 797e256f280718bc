using RdsCal.Licensing;
using RdsCal.Licensing.Monitoring;
using RdsCal.Licensing.Sources;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

public class CheckCommandTests
{
    [TestDataFact]
    public void Errors_are_critical_with_perfdata_and_no_grace_days_offline()
    {
        var (exit, output, _) = CliRunner.Run("check", "--system", TestData.Scenario("unconfigured", "SYSTEM"), "--software", TestData.Scenario("unconfigured", "SOFTWARE"));
        Assert.Equal(2, exit);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("RDS LICENSING CRITICAL - 2 error(s), 0 warning(s) (RDS001 RDS002); mode NotConfigured; servers none; grace days not known offline (only live WMI has them) | errors=2;;;0 warnings=0;;;0", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("ERROR RDS001: ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("ERROR RDS002: ", lines[2], StringComparison.Ordinal);
    }

    [TestDataFact]
    public void Warnings_are_warning_and_a_clean_host_is_ok()
    {
        var (warn, output, _) = CliRunner.Run("check", "--system", TestData.Scenario("legacy-shapes", "SYSTEM"), "--software", TestData.Scenario("legacy-shapes", "SOFTWARE"));
        Assert.Equal(2, warn);
        Assert.StartsWith("RDS LICENSING CRITICAL - 1 error(s), 1 warning(s) (RDS002 RDS006); mode PerDevice; servers none;", output, StringComparison.Ordinal);
        var (info, infoOnly, _) = CliRunner.Run("check", "--system", TestData.Scenario("healthy-peruser", "SYSTEM"), "--software", TestData.Scenario("healthy-peruser", "SOFTWARE"));
        Assert.Equal(0, info);
        Assert.StartsWith("RDS LICENSING OK - 0 error(s), 0 warning(s); mode PerUser;", infoOnly, StringComparison.Ordinal);
        Assert.Contains("\nINFO RDS004: ", infoOnly, StringComparison.Ordinal);
        var (ok, clean, _) = CliRunner.Run("check", "--system", CliRunner.Sample("healthy-perdevice", "SYSTEM.reg"), "--software", CliRunner.Sample("healthy-perdevice", "SOFTWARE.reg"));
        Assert.Equal(0, ok);
        Assert.StartsWith("RDS LICENSING OK - 0 error(s), 0 warning(s); mode PerDevice;", clean, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void A_hive_given_in_the_wrong_role_is_unknown_not_a_warning()
    {
        // status calls these a data-quality warning (RDS011); a monitoring plugin could not read what it monitors.
        string software = TestData.Scenario("unconfigured", "SOFTWARE"), bcd = TestData.Real("regipy", "BCD"), system = TestData.Scenario("unconfigured", "SYSTEM");
        var (exit, output, _) = CliRunner.Run("check", "--system", software, "--software", software);
        Assert.Equal((int)CheckState.Unknown, exit);
        Assert.Equal($"RDS LICENSING UNKNOWN - {software}: not a SYSTEM hive rdscal can read (SYSTEM\\Select\\Current is missing, so the current control set is unknown)\n", output);
        Assert.Equal((int)CheckState.Unknown, CliRunner.Run("check", "--system", bcd).Exit);
        var (wrongSoftware, text, _) = CliRunner.Run("check", "--system", system, "--software", system);
        Assert.Equal((int)CheckState.Unknown, wrongSoftware);
        Assert.Equal($"RDS LICENSING UNKNOWN - {system}: not a SOFTWARE hive (it has neither a Microsoft nor a Policies key)\n", text);
    }

    [Fact]
    public void Unreadable_input_and_bad_arguments_are_unknown()
    {
        string dir = Directory.CreateTempSubdirectory("rdscal-check-").FullName;
        try
        {
            string bad = Path.Combine(dir, "SYSTEM");
            File.WriteAllText(bad, "not a hive | really");
            var (exit, output, _) = CliRunner.Run("check", "--system", bad);
            Assert.Equal(3, exit);
            Assert.Equal($"RDS LICENSING UNKNOWN - {bad}: not a registry hive (regf) or a .reg export (no 'regf' signature or regedit header)\n", output);
            var (missing, gone, _) = CliRunner.Run("check", "--system", Path.Combine(dir, "nope"));
            Assert.Equal(3, missing);
            Assert.StartsWith("RDS LICENSING UNKNOWN - ", gone, StringComparison.Ordinal);
            Assert.Contains("nope: no such file", gone, StringComparison.Ordinal);
            Assert.Equal(3, CliRunner.Run("check", "--bogus").Exit);
            Assert.Equal("RDS LICENSING UNKNOWN - --crit-days (20) must be between 0 and --warn-days (10)\n", CliRunner.Run("check", "--system", bad, "--warn-days", "10", "--crit-days", "20").Out);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Live_grace_days_go_into_perfdata_and_against_the_thresholds()
    {
        using var machine = MachineRegistry.Open(CliRunner.Sample("healthy-perdevice", "SYSTEM.reg"), CliRunner.Sample("healthy-perdevice", "SOFTWARE.reg"));
        // The days come from WMI on a live host; the report carries them the same way for any source.
        var report = StatusReport.Create(machine, liveGraceDaysLeft: 12);
        var ok = LicensingCheck.Evaluate(report, warnDays: 10, critDays: 5);
        Assert.Equal(CheckState.Ok, ok.State);
        Assert.EndsWith("; grace period 12 days left | errors=0;;;0 warnings=0;;;0 grace_days=12;10;5;0\n", ok.Output, StringComparison.Ordinal);
        Assert.Equal(CheckState.Warning, LicensingCheck.Evaluate(report, 12, 5).State);
        Assert.Equal(CheckState.Critical, LicensingCheck.Evaluate(report, 30, 12).State);
    }
}

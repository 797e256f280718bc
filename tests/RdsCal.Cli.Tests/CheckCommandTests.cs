using RdsCal.Cli.Output;
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
        Assert.Equal(ExitCodes.Usage, exit);
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
            Assert.Equal(ExitCodes.FindingsAtThreshold, exit);
            Assert.Equal($"RDS LICENSING UNKNOWN - {bad}: not a registry hive (regf) or a .reg export (no 'regf' signature or regedit header)\n", output);
            var (missing, gone, _) = CliRunner.Run("check", "--system", Path.Combine(dir, "nope"));
            Assert.Equal(3, missing);
            Assert.StartsWith("RDS LICENSING UNKNOWN - ", gone, StringComparison.Ordinal);
            Assert.Contains("nope: no such file", gone, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.FindingsAtThreshold, CliRunner.Run("check", "--bogus").Exit);
            Assert.Equal("RDS LICENSING UNKNOWN - --crit-days (20) must be between 0 and --warn-days (10)\n", CliRunner.Run("check", "--system", bad, "--warn-days", "10", "--crit-days", "20").Out);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_licensed_host_reports_its_grace_days_without_paging_anyone()
    {
        using var machine = MachineRegistry.Open(CliRunner.Sample("healthy-perdevice", "SYSTEM.reg"), CliRunner.Sample("healthy-perdevice", "SOFTWARE.reg"));
        // Microsoft: the grace period value is decremented to 0 as soon as a license server is configured, so a healthy
        // host reads 0 days from WMI. The days are reported, never compared with the thresholds.
        foreach (int days in new[] { 0, 12, 100 })
        {
            var result = LicensingCheck.Evaluate(StatusReport.Create(machine, liveGraceDaysLeft: days), warnDays: 30, critDays: 14);
            Assert.Equal(CheckState.Ok, result.State);
            Assert.Contains($"; grace period {days} days left (not alerted on: a license server is in effect or the mode needs none) | errors=0;;;0 warnings=0;;;0 grace_days={days};;;0\n", MonitoringPluginText.Format(result), StringComparison.Ordinal);
        }
    }

    [TestDataFact]
    public void Where_the_grace_period_matters_its_days_go_against_the_thresholds()
    {
        using var machine = MachineRegistry.Open(TestData.Scenario("legacy-shapes", "SYSTEM"), TestData.Scenario("legacy-shapes", "SOFTWARE"));
        var report = StatusReport.Create(machine, liveGraceDaysLeft: 12);
        Assert.True(LicensingCheck.GraceMatters(report.Snapshot));
        var result = LicensingCheck.Evaluate(report, warnDays: 30, critDays: 5);
        Assert.Contains(" grace_days=12;31:;6:;0\n", MonitoringPluginText.Format(result), StringComparison.Ordinal);
        // The findings alone make it CRITICAL here (RDS002); the thresholds are checked on their own below.
        Assert.Equal(CheckState.Critical, result.State);
        // The library's result is data; the status line above is the CLI's wording of it.
        Assert.Equal((12, true, 30, 5), (result.GraceDaysLeft, result.GraceMatters, result.WarnDays, result.CritDays));
        Assert.Contains("RDS002", result.AlertCodes);
        Assert.Null(result.Reason);
        Assert.Equal(CheckState.Warning, Threshold(LicensingCheck.Evaluate(report, 30, 5)));
        Assert.Equal(CheckState.Critical, Threshold(LicensingCheck.Evaluate(report, 30, 12)));
        Assert.Equal(CheckState.Ok, Threshold(LicensingCheck.Evaluate(report, 11, 5)));
    }

    /// <summary>The state the grace_days metric's own thresholds give, read with the guidelines' range rules.</summary>
    private static CheckState Threshold(CheckResult result)
    {
        string perf = MonitoringPluginText.Format(result).Split('\n')[0].Split(" | ")[1];
        string[] metric = perf.Split(' ').Single(p => p.StartsWith("grace_days=", StringComparison.Ordinal))["grace_days=".Length..].Split(';');
        double value = double.Parse(metric[0], System.Globalization.CultureInfo.InvariantCulture);
        return MonitoringRange.Alerts(metric[2], value) ? CheckState.Critical : MonitoringRange.Alerts(metric[1], value) ? CheckState.Warning : CheckState.Ok;
    }

    [Theory]
    [InlineData("10", 5, false)]
    [InlineData("10", 11, true)]
    [InlineData("10", -1, true)]
    [InlineData("31:", 30, true)]
    [InlineData("31:", 31, false)]
    [InlineData("~:10", -5, false)]
    [InlineData("10:20", 15, false)]
    [InlineData("10:20", 21, true)]
    [InlineData("@10:20", 15, true)]
    [InlineData("@0:30", 31, false)]
    [InlineData("", 1000, false)]
    public void The_range_reader_follows_the_monitoring_plugins_guidelines(string range, double value, bool alerts) =>
        Assert.Equal(alerts, MonitoringRange.Alerts(range, value));

    [Fact]
    public void The_old_bare_thresholds_meant_the_opposite()
    {
        // "grace_days=12;30;14;0", as rdscal printed it before: under the range rules 12 is inside 0..30 and 0..14, so no alert.
        Assert.False(MonitoringRange.Alerts("30", 12));
        Assert.False(MonitoringRange.Alerts("14", 12));
        Assert.True(MonitoringRange.Alerts("15:", 12));
    }
}

/// <summary>
/// The threshold range syntax of the Monitoring Plugins development guidelines (monitoring-plugins.org/doc/guidelines.html):
/// "N" alerts outside 0..N, "N:" below N, "~:N" above N, "N:M" outside N..M, and a leading "@" alerts inside instead.
/// Written here, apart from rdscal's own code, so the test reads the output as a monitoring system would.
/// </summary>
internal static class MonitoringRange
{
    public static bool Alerts(string range, double value)
    {
        if (range.Length == 0)
        {
            return false;
        }
        bool inside = range[0] == '@';
        string r = inside ? range[1..] : range;
        double low = 0, high = double.PositiveInfinity;
        int colon = r.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            high = double.Parse(r, System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            string start = r[..colon], end = r[(colon + 1)..];
            low = start == "~" ? double.NegativeInfinity : double.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
            if (end.Length > 0)
            {
                high = double.Parse(end, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        bool within = value >= low && value <= high;
        return inside ? within : !within;
    }
}

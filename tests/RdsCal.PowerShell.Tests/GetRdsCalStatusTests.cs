using System.Management.Automation;
using RdsCal.Licensing;
using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Sources;
using RdsCal.Tests;

namespace RdsCal.PowerShell.Tests;

public sealed class GetRdsCalStatusTests : IDisposable
{
    private readonly ModuleSession session = new();

    public void Dispose() => session.Dispose();

    private static string Sample(string machine, string file) => Path.Combine(ModuleSession.Samples, machine, file);

    [Fact]
    public void Reads_reg_exports_and_its_properties_mirror_the_json_contract()
    {
        var (output, errors) = session.Run("Get-RdsCalStatus -SystemHive $args[0] -SoftwareHive $args[1]", Sample("gpo-override", "SYSTEM.reg"), Sample("gpo-override", "SOFTWARE.reg"));
        Assert.Empty(errors);
        var status = Assert.IsType<RdsCalStatus>(Assert.Single(output).BaseObject);
        Assert.Equal("gpo-override", status.Machine);
        Assert.Equal(LicensingMode.PerUser, status.LicensingMode.Effective);
        Assert.Equal(SettingSource.Policy, status.LicensingMode.Source);
        Assert.Equal(4u, status.LicensingMode.Raw);
        Assert.NotNull(status.LicensingMode.Shadowed);
        Assert.Equal(["lic01.corp.example.com", "lic02.corp.example.com"], status.LicenseServers.Effective);
        Assert.Equal(["RDS003", "RDS003", "RDS004", "RDS012"], status.Findings.Select(f => f.Code));
        Assert.All(status.Findings, f => Assert.Equal(Severity.Info, f.Severity));
        Assert.Equal(Sample("gpo-override", "SYSTEM.reg"), status.Sources.System!.Path);
    }

    [Fact]
    public void Dotted_property_paths_work_from_PowerShell()
    {
        var (output, _) = session.Run(
            "$s = Get-RdsCalStatus -SystemHive $args[0] -SoftwareHive $args[1]; $s.LicensingMode.Effective.ToString(); $s.LicensingMode.Source.ToString(); $s.Findings.Code -join ','; @($s.Findings | Where-Object Severity -eq 'Error').Count",
            Sample("unconfigured", "SYSTEM.reg"), Sample("unconfigured", "SOFTWARE.reg"));
        Assert.Equal(["NotConfigured", "Server", "RDS001,RDS002", "2"], output.Select(o => o.ToString()));
    }

    [Fact]
    public void Machine_folders_come_from_Get_ChildItem_one_status_each_with_their_pol_files()
    {
        var (output, errors) = session.Run("Get-ChildItem -Directory $args[0] | Sort-Object Name | Get-RdsCalStatus", ModuleSession.Samples);
        Assert.Empty(errors);
        var statuses = output.Select(o => (RdsCalStatus)o.BaseObject).ToList();
        Assert.Equal(["damaged-client", "gpo-override", "healthy-perdevice", "unconfigured"], statuses.Select(s => s.Machine));
        // gpo-override's folder holds Machine-registry.pol, which switches the policy to Per Device.
        Assert.Equal(LicensingMode.PerDevice, statuses[1].LicensingMode.Effective);
        Assert.Equal(SettingSource.Policy, statuses[1].LicensingMode.Source);
        Assert.Equal(["RDS001", "RDS002"], statuses[3].Findings.Select(f => f.Code));
        Assert.Equal(["RDS007", "RDS008", "RDS011"], statuses[0].Findings.Select(f => f.Code));
    }

    [Fact]
    public void Remedies_name_the_cmdlets_not_the_command_line()
    {
        var (output, errors) = session.Run("Get-RdsCalStatus -SystemHive $args[0] -SoftwareHive $args[1]", Sample("unconfigured", "SYSTEM.reg"), Sample("unconfigured", "SOFTWARE.reg"));
        Assert.Empty(errors);
        var status = (RdsCalStatus)output[0].BaseObject;
        var mode = Assert.Single(status.Findings, f => f.Code == "RDS001");
        Assert.Contains("'Set-RdsCalMode -Mode PerUser'", mode.Remedy, StringComparison.Ordinal);
        Assert.Equal(RdsCal.Licensing.Rules.RemedyKind.SetMode, mode.Action?.Kind);
        Assert.All(status.Findings, f => Assert.DoesNotContain("'rdscal ", f.Remedy, StringComparison.Ordinal));
    }

    [Fact]
    public void The_report_is_the_librarys_own()
    {
        var (output, _) = session.Run("Get-RdsCalStatus -SystemHive $args[0] -SoftwareHive $args[1]", Sample("unconfigured", "SYSTEM.reg"), Sample("unconfigured", "SOFTWARE.reg"));
        using var machine = MachineRegistry.Open(Sample("unconfigured", "SYSTEM.reg"), Sample("unconfigured", "SOFTWARE.reg"));
        var expected = StatusReport.Create(machine);
        var status = (RdsCalStatus)output[0].BaseObject;
        Assert.Equal(expected.Findings.Select(f => (f.Code, f.Severity, f.Message)), status.Findings.Select(f => (f.Code, f.Severity, f.Message)));
    }

    [Fact]
    public void An_unreadable_machine_is_a_non_terminating_error_and_the_others_still_read()
    {
        using var temp = new TempFolder();
        string good = Directory.CreateDirectory(temp.File("good")).FullName;
        File.Copy(Sample("unconfigured", "SYSTEM.reg"), Path.Combine(good, "SYSTEM.reg"));
        string bad = Directory.CreateDirectory(temp.File("bad")).FullName;
        File.WriteAllText(Path.Combine(bad, "SYSTEM"), "not a hive");
        string empty = Directory.CreateDirectory(temp.File("empty")).FullName;
        var (output, errors) = session.Run("Get-ChildItem -Directory $args[0] | Sort-Object Name | Get-RdsCalStatus", temp.Path);
        Assert.Equal("good", ((RdsCalStatus)Assert.Single(output).BaseObject).Machine);
        Assert.Equal(2, errors.Count);
        Assert.Equal(ErrorCategory.InvalidData, errors[0].CategoryInfo.Category);
        Assert.Equal("InputCorrupt,RdsCal.PowerShell.Cmdlets.GetRdsCalStatusCommand", errors[0].FullyQualifiedErrorId);
        Assert.Equal(Path.Combine(bad, "SYSTEM"), errors[0].TargetObject);
        Assert.Equal(ErrorCategory.InvalidData, errors[1].CategoryInfo.Category);
        Assert.Equal(empty, errors[1].TargetObject);
        Assert.Contains("no SYSTEM, SOFTWARE or .pol file", errors[1].Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_terminating_ObjectNotFound_error_naming_it()
    {
        var error = session.Terminating("Get-RdsCalStatus", new Dictionary<string, object> { ["SystemHive"] = "/nonexistent/SYSTEM" });
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("/nonexistent/SYSTEM", error.TargetObject);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_PowerShell_location()
    {
        var (output, errors) = session.Run("Set-Location $args[0]; Get-RdsCalStatus -SystemHive SYSTEM.reg -SoftwareHive SOFTWARE.reg", Path.Combine(ModuleSession.Samples, "healthy-perdevice"));
        Assert.Empty(errors);
        Assert.Equal(LicensingMode.PerDevice, ((RdsCalStatus)Assert.Single(output).BaseObject).LicensingMode.Effective);
    }

    [OffWindowsFact]
    public void Without_files_off_Windows_it_says_the_live_registry_needs_Windows()
    {
        var error = session.Terminating("Get-RdsCalStatus");
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Equal("LiveRegistryNeedsWindows,RdsCal.PowerShell.Cmdlets.GetRdsCalStatusCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void The_default_view_is_a_table_of_machine_mode_source_grace_findings_and_servers()
    {
        // Collected first: Format-Table sizes its columns from the objects that arrive within its first moments.
        var (output, _) = session.Run("$all = @(Get-ChildItem -Directory $args[0] | Sort-Object Name | Get-RdsCalStatus); $all | Out-String -Width 160", ModuleSession.Samples);
        string[][] rows = output[0].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.Equal(["Machine", "Mode", "Source", "Grace", "Findings", "LicenseServers"], rows[0]);
        Assert.Equal(["damaged-client", "Unknown", "None", "?", "RDS007", "RDS008", "RDS011", "none"], rows[2]);
        // Offline only the timebomb's presence is known, never that the grace period runs: the same word as the CLI's fleet table.
        Assert.Equal(["gpo-override", "PerDevice", "Policy", "present", "ok", "lic01.corp.example.com,", "lic02.corp.example.com"], rows[3]);
        Assert.Equal(["unconfigured", "Server", "present", "RDS001", "RDS002", "none"], rows[5].Where((_, i) => i != 1));
        Assert.StartsWith("NotConf", rows[5][1], StringComparison.Ordinal);
        Assert.DoesNotContain("running", output[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_words_the_grace_period_as_the_cli_does()
    {
        var (output, _) = session.Run("Get-ChildItem -Directory $args[0] | Sort-Object Name | Get-RdsCalStatus | ForEach-Object { $_; ($_ | Format-Table | Out-String -Width 200) }", ModuleSession.Samples);
        Assert.Equal(8, output.Count);
        for (int i = 0; i < output.Count; i += 2)
        {
            var status = (RdsCalStatus)output[i].BaseObject;
            // HostGrace.Text is the word the CLI's fleet table, HTML and CSV reports print for the same facts.
            string expected = Licensing.Fleet.HostGrace.From(status.GracePeriod).Text;
            string row = output[i + 1].ToString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
            string[] cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(status.Machine, cells[0]);
            Assert.Contains($" {expected} ", $" {string.Join(' ', cells)} ", StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Findings_show_code_severity_message_fix_and_evidence_without_sources()
    {
        var (output, _) = session.Run("(Get-RdsCalStatus -SystemHive $args[0] -SoftwareHive $args[1]).Findings | Out-String -Width 200", Sample("unconfigured", "SYSTEM.reg"), Sample("unconfigured", "SOFTWARE.reg"));
        string text = output[0].ToString()!;
        Assert.Contains("Code     : RDS001", text, StringComparison.Ordinal);
        Assert.Contains("Fix      : On the RD Session Host: ", text, StringComparison.Ordinal);
        Assert.Contains("Evidence : ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("learn.microsoft.com", text, StringComparison.Ordinal);
    }
}

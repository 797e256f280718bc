using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Snapshot;
using RdsCal.Licensing.Sources;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests;

/// <summary>Every scenario in ../shared/testdata/scenarios, read from the hives and from the .reg exports alike.</summary>
public class ScenarioTests
{
    public static TheoryData<string> Forms => new() { "hive", "reg" };

    private static (LicensingSnapshot Snapshot, IReadOnlyList<Finding> Findings) Read(string scenario, string form, bool system = true, bool software = true)
    {
        string Suffix(string hive) => form == "reg" ? hive + ".reg" : hive;
        string? sys = system ? TestData.Scenario(scenario, Suffix("SYSTEM")) : null;
        string? soft = software ? TestData.Scenario(scenario, Suffix("SOFTWARE")) : null;
        using var machine = MachineRegistry.Open(sys, soft);
        var snapshot = SnapshotReader.Read(machine);
        return (snapshot, RuleCatalog.Diagnose(snapshot));
    }

    [TestDataTheory]
    [MemberData(nameof(Forms))]
    public void Healthy_per_user_host_reports_its_server_settings_and_no_errors(string form)
    {
        var (s, findings) = Read("healthy-peruser", form);
        Assert.Equal(LicensingMode.PerUser, s.Mode.Effective);
        Assert.Equal(4u, s.Mode.Raw);
        Assert.Equal(SettingSource.Server, s.Mode.Source);
        Assert.Contains("RCM\\Licensing Core\\LicensingMode", s.Mode.From!.Path, StringComparison.Ordinal);
        Assert.Equal(["lic01.contoso.com"], s.Servers.Effective);
        Assert.Equal(SettingSource.Server, s.Servers.Source);
        Assert.True(s.GracePeriod.TimebombPresent);
        Assert.Equal(4, s.Certificates.Count);
        Assert.True(s.Host.IsSessionHost);
        Assert.DoesNotContain(findings, f => f.Severity == Severity.Error);
        Assert.DoesNotContain(findings, f => f.Message.Contains("grace", StringComparison.OrdinalIgnoreCase) && f.Severity > Severity.Info);
    }

    [TestDataTheory]
    [MemberData(nameof(Forms))]
    public void Policy_overrides_the_server_mode_and_servers_and_both_are_shown(string form)
    {
        var (s, findings) = Read("policy-overrides", form);
        Assert.Equal(LicensingMode.PerUser, s.Mode.Effective);
        Assert.Equal(4u, s.Mode.Raw);
        Assert.Equal(SettingSource.Policy, s.Mode.Source);
        Assert.Equal(LicensingMode.PerDevice, s.Mode.Shadowed!.Mode);
        Assert.Equal(2u, s.Mode.Shadowed.Raw);
        Assert.Equal(["lic01.contoso.com", "lic02.contoso.com"], s.Servers.Effective);
        Assert.Equal(SettingSource.Policy, s.Servers.Source);
        Assert.Equal(["old-lic.contoso.com"], s.Servers.Shadowed);
        Assert.Contains(s.Policies, p => p.Name == "fDisableTerminalServerTooltip" && p.Display.StartsWith("0x00000001", StringComparison.Ordinal));
        Assert.Equal(2, findings.Count(f => f.Code == "RDS003"));
        Assert.Contains(findings, f => f.Code == "RDS012");
        Assert.DoesNotContain(findings, f => f.Severity == Severity.Error);
    }

    [TestDataTheory]
    [MemberData(nameof(Forms))]
    public void Unconfigured_host_gets_errors_for_mode_and_missing_server(string form)
    {
        var (s, findings) = Read("unconfigured", form);
        Assert.Equal(LicensingMode.NotConfigured, s.Mode.Effective);
        Assert.Equal(5u, s.Mode.Raw);
        Assert.Empty(s.Servers.Effective);
        Assert.Equal(SettingSource.None, s.Servers.Source);
        Assert.True(s.GracePeriod.TimebombPresent);
        var mode = Assert.Single(findings, f => f.Code == "RDS001");
        Assert.Equal(Severity.Error, mode.Severity);
        Assert.Contains("1069", mode.Message, StringComparison.Ordinal);
        var server = Assert.Single(findings, f => f.Code == "RDS002");
        Assert.Equal(Severity.Error, server.Severity);
        Assert.Contains("1130", server.Message, StringComparison.Ordinal);
    }

    [TestDataTheory]
    [MemberData(nameof(Forms))]
    public void Legacy_shapes_are_reported_as_undocumented_for_current_windows_not_as_ignored(string form)
    {
        var (s, findings) = Read("legacy-shapes", form);
        Assert.Equal(LicensingMode.PerDevice, s.Mode.Effective);
        Assert.Equal(2u, s.Mode.Raw);
        Assert.Empty(s.Servers.Effective);
        var subkey = Assert.Single(s.Servers.Shapes, x => x.Kind == LicenseServerShapeKind.SpecifiedSubkey);
        Assert.Equal(["lic02.contoso.com"], subkey.Servers);
        Assert.False(subkey.ReadByCurrentWindows);
        var perServer = Assert.Single(s.Servers.Shapes, x => x.Kind == LicenseServerShapeKind.PerServerSubkeys);
        Assert.Equal(["lic-old.contoso.com"], perServer.Servers);
        Assert.False(perServer.ReadByCurrentWindows);
        Assert.DoesNotContain(s.Servers.Shapes, x => x.Kind == LicenseServerShapeKind.Canonical);
        var legacy = Assert.Single(findings, f => f.Code == "RDS006");
        Assert.Contains("Microsoft documents only the policy value and Parameters\\LicenseServers\\SpecifiedLicenseServers", legacy.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ignored by current Windows", string.Join(" ", legacy.Evidence), StringComparison.Ordinal);
        var noServer = Assert.Single(findings, f => f.Code == "RDS002");
        Assert.Contains("see RDS006", noServer.Message, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void Windows_7_workstation_is_read_through_Select_Current_with_lower_case_services()
    {
        string system = TestData.CopyToTemp(TestData.Scenario("workstation-win7", "SYSTEM.gz"));
        using var machine = MachineRegistry.Open(system, null);
        var s = SnapshotReader.Read(machine);
        Assert.Equal("ControlSet001", s.ControlSet);
        Assert.Equal(LicensingMode.RemoteAdministration, s.Mode.Effective);
        Assert.Equal(1u, s.Mode.Raw);
        Assert.Equal(SettingSource.Server, s.Mode.Source);
        Assert.Empty(s.Servers.Effective);
        Assert.False(s.PolicyKnown);
        Assert.False(s.Host.IsSessionHost);
        Assert.Equal("WinNT", s.Host.ProductType);
        Assert.NotNull(s.Host.Domain);
        var findings = RuleCatalog.Diagnose(s);
        Assert.Contains(findings, f => f.Code == "RDS009");
        Assert.Contains(findings, f => f.Code == "RDS011" && f.Message.Contains("SOFTWARE", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Severity == Severity.Error);
    }

    [TestDataTheory]
    [MemberData(nameof(Forms))]
    public void Client_store_licenses_decode_as_X509(string form)
    {
        var (s, findings) = Read("client-store", form, system: false);
        Assert.True(s.ClientStore.Present);
        Assert.Equal(20, s.ClientStore.HardwareIdSize);
        Assert.Equal(["LICENSE000", "LICENSE001"], s.ClientStore.Licenses.Select(l => l.Name));
        foreach (var l in s.ClientStore.Licenses)
        {
            Assert.Equal("microsoft.com", l.Scope);
            Assert.Equal("Microsoft Corporation", l.Company);
            Assert.Equal("A02", l.ProductId);
            Assert.NotNull(l.Certificate);
            Assert.Contains("O=Contoso", l.Certificate!.Subject, StringComparison.Ordinal);
            Assert.Equal(64, l.Sha256!.Length);
        }
        Assert.Contains("CN=LIC01", s.ClientStore.Licenses[0].Certificate!.Subject, StringComparison.Ordinal);
        Assert.Contains("CN=LIC02", s.ClientStore.Licenses[1].Certificate!.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(findings, f => f.Code is "RDS007" or "RDS008" && f.Severity > Severity.Info);
    }

    [TestDataFact]
    public void Hive_and_reg_forms_of_every_scenario_give_the_same_findings()
    {
        foreach (string scenario in new[] { "healthy-peruser", "policy-overrides", "unconfigured", "legacy-shapes" })
        {
            var a = Read(scenario, "hive").Findings.Select(f => f.Code + f.Message);
            var b = Read(scenario, "reg").Findings.Select(f => f.Code + f.Message);
            Assert.Equal(a, b);
        }
    }

    [TestDataFact]
    public void A_reg_file_of_the_wrong_hive_is_refused_naming_what_it_holds()
    {
        var e = Assert.Throws<RdsCal.Registry.UnrecognizedInputException>(() => MachineRegistry.Open(TestData.Scenario("unconfigured", "SOFTWARE.reg"), null));
        Assert.Contains("HKEY_LOCAL_MACHINE\\SOFTWARE", e.Reason, StringComparison.Ordinal);
    }
}

using System.Text;
using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Snapshot;
using RdsCal.Registry;

namespace RdsCal.Licensing.Tests.Rules;

/// <summary>Each rule fires on the state it describes and stays silent on a healthy host.</summary>
public class RuleTests
{
    private static List<Finding> Run<TRule>(LicensingSnapshot s)
        where TRule : DiagnosticRule, new() => new TRule().Evaluate(s).ToList();

    private static TestMachine Healthy() => TestMachine.SessionHost().Mode(2).Servers("lic01.corp.example.com").Domain("corp.example.com");

    [Fact]
    public void A_healthy_domain_host_raises_nothing_above_info_even_with_a_timebomb()
    {
        var m = Healthy();
        m.ControlSet.CreateSubkeyPath(LicensingPaths.GracePeriod).SetValue(RegistryValue.FromBinary(LicensingPaths.RtmTimebomb, new byte[230]));
        var s = m.Snapshot();
        Assert.True(s.GracePeriod.TimebombPresent);
        Assert.Equal(230, s.GracePeriod.ValueSize);
        Assert.DoesNotContain(RuleCatalog.Diagnose(s), f => f.Severity > Severity.Info);
    }

    [Fact]
    public void RDS001_fires_for_not_configured_and_unknown_modes_only_on_session_hosts()
    {
        Assert.Single(Run<ModeNotConfiguredRule>(TestMachine.SessionHost().Mode(5).Snapshot()));
        Assert.Single(Run<ModeNotConfiguredRule>(TestMachine.SessionHost().Mode(3).Snapshot()));
        Assert.Single(Run<ModeNotConfiguredRule>(TestMachine.SessionHost().Snapshot()));
        Assert.Empty(Run<ModeNotConfiguredRule>(Healthy().Snapshot()));
        var workstation = new TestMachine().Mode(5);
        workstation.ControlSet.CreateSubkeyPath(@"Control\ProductOptions").SetValue(RegistryValue.FromString("ProductType", "WinNT"));
        Assert.Empty(Run<ModeNotConfiguredRule>(workstation.Snapshot()));
    }

    [Fact]
    public void RDS002_fires_without_servers_and_is_silenced_by_policy_servers()
    {
        Assert.Single(Run<NoLicenseServerRule>(TestMachine.SessionHost().Mode(2).Snapshot()));
        Assert.Single(Run<NoLicenseServerRule>(TestMachine.SessionHost().Mode(2).Policy(RegistryValue.FromString("LicenseServers", " , ")).Snapshot()));
        Assert.Empty(Run<NoLicenseServerRule>(TestMachine.SessionHost().Mode(2).Policy(RegistryValue.FromString("LicenseServers", "a.example.com")).Snapshot()));
        Assert.Empty(Run<NoLicenseServerRule>(Healthy().Snapshot()));
    }

    [Fact]
    public void RDS003_shows_both_policy_and_server_values()
    {
        var s = Healthy().Policy(RegistryValue.FromDWord("LicensingMode", 4)).Policy(RegistryValue.FromString("LicenseServers", "b.example.com")).Snapshot();
        var f = Run<PolicyShadowsServerRule>(s);
        Assert.Equal(2, f.Count);
        Assert.All(f, x => Assert.Equal(2, x.Evidence.Count));
        Assert.Contains(f, x => x.Evidence[1].Contains("= 2 (ignored)", StringComparison.Ordinal));
        Assert.Empty(Run<PolicyShadowsServerRule>(Healthy().Snapshot()));
    }

    [Fact]
    public void RDS004_warns_per_user_without_a_recorded_domain()
    {
        Assert.Single(Run<PerUserWorkgroupRule>(TestMachine.SessionHost().Mode(4).Snapshot()));
        Assert.Single(Run<PerUserWorkgroupRule>(TestMachine.SessionHost().Mode(4).Domain(string.Empty).Snapshot()));
        Assert.Empty(Run<PerUserWorkgroupRule>(TestMachine.SessionHost().Mode(4).Domain("corp.example.com").Snapshot()));
        Assert.Empty(Run<PerUserWorkgroupRule>(TestMachine.SessionHost().Mode(2).Snapshot()));
    }

    [Fact]
    public void RDS005_reports_values_of_the_wrong_kind_and_ignores_them()
    {
        var m = TestMachine.SessionHost();
        m.ControlSet.CreateSubkeyPath(LicensingPaths.LicensingCore).SetValue(RegistryValue.FromString("LicensingMode", "4"));
        m.ControlSet.CreateSubkeyPath(LicensingPaths.LicenseServers).SetValue(RegistryValue.FromString("SpecifiedLicenseServers", "a.example.com"));
        var s = m.Snapshot();
        Assert.Equal(SettingSource.None, s.Mode.Source);
        var f = Run<UnexpectedValueKindRule>(s);
        Assert.Equal(2, f.Count);
        Assert.Contains(f, x => x.Message.Contains("LicensingMode is REG_SZ", StringComparison.Ordinal));
        Assert.Empty(Run<UnexpectedValueKindRule>(Healthy().Snapshot()));
    }

    [Fact]
    public void RDS006_reports_every_legacy_shape()
    {
        var m = TestMachine.SessionHost().Mode(2);
        var p = m.ControlSet.CreateSubkeyPath(LicensingPaths.TermServiceParameters);
        p.SetValue(RegistryValue.FromMultiString("SpecifiedLicenseServers", ["misplaced.example.com"]));
        p.SetValue(RegistryValue.FromString("DefaultLicenseServer", "W2KLS"));
        m.ControlSet.CreateSubkeyPath(LicensingPaths.LicenseServers + @"\old.example.com");
        var s = m.Snapshot();
        var f = Assert.Single(Run<LegacyServerShapesRule>(s));
        Assert.Equal(3, f.Evidence.Count);
        Assert.Empty(s.Servers.Effective);
        Assert.Empty(Run<LegacyServerShapesRule>(Healthy().Snapshot()));
    }

    [Fact]
    public void RDS007_checks_the_20_byte_hardware_id()
    {
        var m = Healthy();
        m.Software.CreateSubkeyPath(@"Microsoft\MSLicensing\HardwareID").SetValue(RegistryValue.FromBinary("ClientHWID", new byte[16]));
        Assert.Single(Run<ClientHardwareIdRule>(m.Snapshot()));
        m.Software.CreateSubkeyPath(@"Microsoft\MSLicensing\HardwareID").SetValue(RegistryValue.FromBinary("ClientHWID", new byte[20]));
        Assert.Empty(Run<ClientHardwareIdRule>(m.Snapshot()));
        Assert.Empty(Run<ClientHardwareIdRule>(Healthy().Snapshot()));
    }

    [Fact]
    public void RDS008_reports_empty_and_duplicate_licenses_and_treats_unknown_blobs_as_opaque()
    {
        var m = Healthy();
        var store = m.Software.CreateSubkeyPath(@"Microsoft\MSLicensing\Store");
        store.CreateSubkey("LICENSE000").SetValue(RegistryValue.FromBinary("ClientLicense", Encoding.ASCII.GetBytes("same blob, not a certificate")));
        store.CreateSubkey("LICENSE001").SetValue(RegistryValue.FromBinary("ClientLicense", Encoding.ASCII.GetBytes("same blob, not a certificate")));
        store.CreateSubkey("LICENSE002").SetValue(RegistryValue.FromBinary("ClientLicense", []));
        var s = m.Snapshot();
        Assert.All(s.ClientStore.Licenses, l => Assert.Null(l.Certificate));
        var f = Run<ClientLicenseStoreRule>(s);
        Assert.Equal(2, f.Count);
        Assert.Contains(f, x => x.Message.Contains("LICENSE002 has no ClientLicense", StringComparison.Ordinal));
        Assert.Contains(f, x => x.Message.Contains("LICENSE000 and LICENSE001", StringComparison.Ordinal));
    }

    [Fact]
    public void RDS009_says_licensing_does_not_apply_when_the_role_is_absent()
    {
        var m = TestMachine.SessionHost().Mode(5);
        m.Software.CreateSubkeyPath(LicensingPaths.RdsRole).SetValue(RegistryValue.FromDWord("InstallState", 0));
        var s = m.Snapshot();
        Assert.Single(Run<RoleNotInstalledRule>(s));
        Assert.DoesNotContain(RuleCatalog.Diagnose(s), f => f.Severity == Severity.Error);
        Assert.Empty(Run<RoleNotInstalledRule>(Healthy().Snapshot()));
    }

    [Fact]
    public void RDS010_reports_empty_or_partial_certificate_values()
    {
        var m = Healthy();
        var rcm = m.ControlSet.CreateSubkeyPath(LicensingPaths.Rcm);
        rcm.SetValue(RegistryValue.FromBinary("Certificate", new byte[180]));
        rcm.SetValue(RegistryValue.FromBinary("X509 Certificate", new byte[700]));
        Assert.Single(Run<CertificateValuesRule>(m.Snapshot()));
        rcm.SetValue(RegistryValue.FromBinary("X509 Certificate2", new byte[1300]));
        rcm.SetValue(RegistryValue.FromBinary("X509 Certificate ID", new byte[60]));
        Assert.Empty(Run<CertificateValuesRule>(m.Snapshot()));
        rcm.SetValue(RegistryValue.FromBinary("Certificate", []));
        Assert.Single(Run<CertificateValuesRule>(m.Snapshot()));
    }

    [Fact]
    public void RDS011_reports_missing_sources_and_unresolved_control_sets()
    {
        var m = Healthy();
        m.HasSoftware = false;
        var f = Run<DataQualityRule>(m.Snapshot());
        Assert.Contains(f, x => x.Severity == Severity.Info && x.Message.StartsWith("no SOFTWARE", StringComparison.Ordinal));
        var broken = new TestMachine(currentControlSet: 3);
        broken.System.DeleteSubkey("ControlSet003");
        var s = broken.Snapshot();
        Assert.Null(s.ControlSet);
        Assert.Contains(Run<DataQualityRule>(s), x => x.Message.Contains("ControlSet003", StringComparison.Ordinal));
        Assert.Empty(Run<DataQualityRule>(Healthy().Snapshot()));
    }

    [Fact]
    public void RDS012_to_RDS014_follow_their_policy_and_parameter_values()
    {
        var m = Healthy().Policy(RegistryValue.FromDWord("fDisableTerminalServerTooltip", 1)).Policy(RegistryValue.FromDWord("fSecureLicensing", 1));
        m.ControlSet.CreateSubkeyPath(LicensingPaths.LicenseServerParameters).SetValue(RegistryValue.FromDWord("DisableWorkgroupAuthEnforcement", 1));
        var s = m.Snapshot();
        Assert.Single(Run<NotificationsHiddenRule>(s));
        Assert.Single(Run<LicenseServerSecurityGroupRule>(s));
        Assert.Single(Run<WorkgroupAuthEnforcementRule>(s));
        var off = Healthy().Policy(RegistryValue.FromDWord("fDisableTerminalServerTooltip", 0)).Snapshot();
        Assert.Empty(Run<NotificationsHiddenRule>(off));
        Assert.Empty(Run<LicenseServerSecurityGroupRule>(off));
        Assert.Empty(Run<WorkgroupAuthEnforcementRule>(off));
    }

    [Fact]
    public void RDS015_is_explain_only()
    {
        var rule = new PerUserAdAttributesRule();
        Assert.False(rule.DetectableOffline);
        Assert.Empty(rule.Evaluate(Healthy().Snapshot()));
        Assert.Contains(4105, rule.EventIds);
    }

    [Fact]
    public void Control_set_comes_from_Select_Current_never_ControlSet001()
    {
        var m = new TestMachine(currentControlSet: 2);
        m.System.CreateSubkeyPath(@"ControlSet001\" + LicensingPaths.LicensingCore).SetValue(RegistryValue.FromDWord("LicensingMode", 2));
        m.ControlSet.CreateSubkeyPath(LicensingPaths.LicensingCore).SetValue(RegistryValue.FromDWord("LicensingMode", 4));
        var s = m.Snapshot();
        Assert.Equal("ControlSet002", s.ControlSet);
        Assert.Equal(LicensingMode.PerUser, s.Mode.Effective);
    }

    [Theory]
    [InlineData("lic01, lic02", new[] { "lic01", "lic02" })]
    [InlineData(" LIC01.Corp ,, lic02 ,", new[] { "LIC01.Corp", "lic02" })]
    [InlineData("a;b", new[] { "a", "b" })]
    [InlineData("", new string[0])]
    public void Policy_server_lists_are_trimmed_keep_order_and_case(string text, string[] expected) =>
        Assert.Equal(expected, SnapshotReader.SplitPolicyList(text));

    [Theory]
    [InlineData(0u, LicensingMode.PersonalTerminalServer)]
    [InlineData(1u, LicensingMode.RemoteAdministration)]
    [InlineData(2u, LicensingMode.PerDevice)]
    [InlineData(4u, LicensingMode.PerUser)]
    [InlineData(5u, LicensingMode.NotConfigured)]
    [InlineData(6u, LicensingMode.AadPerUser)]
    [InlineData(3u, LicensingMode.Unknown)]
    public void Mode_numbers_have_their_documented_names(uint raw, LicensingMode mode) => Assert.Equal(mode, LicensingModes.FromRaw(raw));
}

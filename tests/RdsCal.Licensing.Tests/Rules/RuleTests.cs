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

    private static TestMachine Healthy() => TestMachine.SessionHost().Mode(2).Servers("lic01.corp.example.com").Domain("corp.example.com").Membership("CORP", TestMachine.DomainSid);

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
    public void RDS004_warns_per_user_in_a_workgroup_and_notes_unknown_membership_without_trusting_the_DNS_suffix()
    {
        var workgroup = Assert.Single(Run<PerUserWorkgroupRule>(TestMachine.SessionHost().Mode(4).Membership("WORKGROUP", []).Snapshot()));
        Assert.Equal(Severity.Warning, workgroup.Severity);
        Assert.Contains("workgroup 'WORKGROUP'", workgroup.Message, StringComparison.Ordinal);
        Assert.Empty(Run<PerUserWorkgroupRule>(TestMachine.SessionHost().Mode(4).Membership("CORP", TestMachine.DomainSid).Snapshot()));
        // A DNS suffix is not membership: without SECURITY it stays unknown, reported as information with the suffix as a hint.
        var unknown = Assert.Single(Run<PerUserWorkgroupRule>(TestMachine.SessionHost().Mode(4).Domain("corp.example.com").Snapshot()));
        Assert.Equal(Severity.Info, unknown.Severity);
        Assert.Contains(unknown.Evidence, e => e.Contains("corp.example.com (a DNS suffix: a hint only", StringComparison.Ordinal));
        Assert.Empty(Run<PerUserWorkgroupRule>(TestMachine.SessionHost().Mode(2).Membership("WORKGROUP", []).Snapshot()));
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

    [Fact]
    public void RDS001_says_timebomb_present_offline_and_days_left_only_from_WMI()
    {
        var m = TestMachine.SessionHost().Mode(5);
        m.ControlSet.CreateSubkeyPath(LicensingPaths.GracePeriod).SetValue(RegistryValue.FromBinary(LicensingPaths.RtmTimebomb, new byte[230]));
        var offline = Assert.Single(Run<ModeNotConfiguredRule>(m.Snapshot()));
        Assert.Contains("timebomb is present", offline.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("running", offline.Message, StringComparison.Ordinal);
        var live = Assert.Single(Run<ModeNotConfiguredRule>(SnapshotReader.Read(m.Machine(), liveGraceDaysLeft: 42)));
        Assert.Contains("42 day(s) left", live.Message, StringComparison.Ordinal);
        var over = SnapshotReader.Read(m.Machine(), liveGraceDaysLeft: 0);
        Assert.Equal(GraceState.Ended, over.GracePeriod.State);
        Assert.Contains("is over", Assert.Single(Run<ModeNotConfiguredRule>(over)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u, "PersonalTerminalServer")]
    [InlineData(1u, "RemoteAdministration")]
    public void RDS016_finds_a_session_host_in_mode_0_or_1(uint raw, string mode)
    {
        var f = Assert.Single(Run<AdministrationModeRule>(TestMachine.SessionHost().Mode(raw).Servers("lic01.example.com").Snapshot()));
        Assert.Contains(mode, f.Message, StringComparison.Ordinal);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Empty(Run<AdministrationModeRule>(Healthy().Snapshot()));
        var workstation = new TestMachine().Mode(raw);
        workstation.ControlSet.CreateSubkeyPath(@"Control\ProductOptions").SetValue(RegistryValue.FromString("ProductType", "WinNT"));
        Assert.Empty(Run<AdministrationModeRule>(workstation.Snapshot()));
    }

    [Fact]
    public void RDS017_names_each_invented_location_says_windows_ignores_it_and_where_the_setting_belongs()
    {
        var m = Healthy();
        m.ControlSet.CreateSubkeyPath(LicensingPaths.LicensingCore).SetValue(RegistryValue.FromMultiString("LicenseServers", ["lic99.example.com"]));
        m.ControlSet.CreateSubkeyPath(LicensingPaths.Rcm + @"\LicenseServers\lic98.example.com");
        m.ControlSet.CreateSubkeyPath(LicensingPaths.LicenseServerParameters + @"\IssuedLicenses").SetValue(RegistryValue.FromDWord("Count", 5));
        var f = Assert.Single(Run<InventedLocationsRule>(m.Snapshot()));
        Assert.Equal(3, f.Evidence.Count);
        Assert.Contains(f.Evidence, e => e.StartsWith(@"HKLM\SYSTEM\ControlSet001\Control\Terminal Server\RCM\Licensing Core\LicenseServers (value: REG_MULTI_SZ", StringComparison.Ordinal) && e.Contains("SpecifiedLicenseServers", StringComparison.Ordinal));
        Assert.Contains(f.Evidence, e => e.StartsWith(@"HKLM\SYSTEM\ControlSet001\Control\Terminal Server\RCM\LicenseServers (key: subkeys [lic98.example.com])", StringComparison.Ordinal));
        Assert.Contains(f.Evidence, e => e.Contains(@"TermServLicensing\Parameters\IssuedLicenses (key", StringComparison.Ordinal) && e.Contains("database", StringComparison.Ordinal));
        Assert.All(f.Evidence, e => Assert.Contains("Windows does not read it", e, StringComparison.Ordinal));
        // The invented server list is not taken for a real one.
        Assert.Equal(["lic01.corp.example.com"], m.Snapshot().Servers.Effective);
        Assert.Empty(Run<InventedLocationsRule>(Healthy().Snapshot()));
    }

    [Fact]
    public void RDS018_reports_configured_servers_without_any_X509_certificate_value_as_information()
    {
        var f = Assert.Single(Run<NoLicensingCertificateRule>(Healthy().Snapshot()));
        Assert.Equal(Severity.Info, f.Severity);
        var m = Healthy();
        m.ControlSet.CreateSubkeyPath(LicensingPaths.Rcm).SetValue(RegistryValue.FromBinary("X509 Certificate", new byte[700]));
        Assert.Empty(Run<NoLicensingCertificateRule>(m.Snapshot()));
        Assert.Empty(Run<NoLicensingCertificateRule>(TestMachine.SessionHost().Mode(2).Snapshot()));
    }

    [Fact]
    public void RDS003_remedy_names_the_group_policy_path()
    {
        var f = Run<PolicyShadowsServerRule>(Healthy().Policy(RegistryValue.FromDWord("LicensingMode", 4)).Snapshot());
        Assert.Contains("Computer Configuration > Administrative Templates > Windows Components > Remote Desktop Services > Remote Desktop Session Host > Licensing", Assert.Single(f).Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void RDS014_remedy_is_a_local_account_with_stored_credentials_not_the_license_server_trust_group()
    {
        var rule = new WorkgroupAuthEnforcementRule();
        Assert.Contains("cmdkey", rule.Remedy, StringComparison.Ordinal);
        Assert.Contains("NETWORK SERVICE", rule.Remedy, StringComparison.Ordinal);
        Assert.DoesNotContain("WorkgroupLicenseServerAccountsGroup", rule.Remedy, StringComparison.Ordinal);
        Assert.Equal(RemedyTarget.LicenseServer, rule.AppliesTo);
        Assert.Contains(rule.Sources, s => s.Note.Contains("CVE-2024-38099", StringComparison.Ordinal));
    }
}

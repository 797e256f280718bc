using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Plans;
using RdsCal.Registry;

namespace RdsCal.Licensing.Tests;

/// <summary>The planner's refusals and warnings for the reset verbs.</summary>
public class PlannerTests
{
    [Fact]
    public void Client_reset_on_a_session_host_is_refused_unless_forced()
    {
        var m = TestMachine.SessionHost().Mode(2);
        m.Software.CreateSubkeyPath(@"Microsoft\MSLicensing\Store\LICENSE000").SetValue(RegistryValue.FromBinary("ClientLicense", new byte[8]));
        using var machine = m.Machine();
        var refused = LicensingPlanner.ResetClientStore(machine, m.Snapshot(), force: false);
        Assert.Equal(ChangeRefusalReason.ClientStoreOnSessionHost, refused.Refusal?.Reason);
        Assert.Contains("connecting client", refused.Refusal!.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("--", refused.Refusal.Explanation, StringComparison.Ordinal);
        Assert.Null(refused.Changes);
        var forced = LicensingPlanner.ResetClientStore(machine, m.Snapshot(), force: true);
        Assert.Null(forced.Refusal);
        Assert.False(forced.NothingToDo);
    }

    [Fact]
    public void Client_reset_on_a_client_needs_no_force()
    {
        var m = new TestMachine();
        m.ControlSet.CreateSubkeyPath(@"Control\ProductOptions").SetValue(RegistryValue.FromString("ProductType", "WinNT"));
        m.Software.CreateSubkeyPath(@"Microsoft\MSLicensing\HardwareID").SetValue(RegistryValue.FromBinary("ClientHWID", new byte[20]));
        using var machine = m.Machine();
        Assert.Null(LicensingPlanner.ResetClientStore(machine, m.Snapshot()).Refusal);
    }

    [Fact]
    public void Grace_reset_says_microsoft_does_not_recommend_it_and_never_calls_it_supported()
    {
        var m = TestMachine.SessionHost().Mode(2).Servers("lic01.example.com");
        m.ControlSet.CreateSubkeyPath(LicensingPaths.GracePeriod).SetValue(RegistryValue.FromBinary(LicensingPaths.RtmTimebomb, new byte[230]));
        using var machine = m.Machine();
        // With a license server the grace period no longer matters: refused unless the host is a lab.
        var refused = LicensingPlanner.ResetGracePeriod(machine, m.Snapshot(), lab: false);
        Assert.Equal(ChangeRefusalReason.GraceNoLongerMatters, refused.Refusal!.Reason);
        Assert.Contains("no longer matters", refused.Refusal.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("--", refused.Refusal.Explanation, StringComparison.Ordinal);
        Assert.Contains(LicensingPlanner.GraceResetNotRecommended, refused.Warnings);
        var plan = LicensingPlanner.ResetGracePeriod(machine, m.Snapshot(), lab: true);
        Assert.Null(plan.Refusal);
        Assert.Contains(LicensingPlanner.GraceResetNotRecommended, plan.Warnings);
        Assert.DoesNotContain(plan.Warnings, w => w.Contains("supports", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(plan.Warnings, w => w.Contains("will not fix licensing", StringComparison.Ordinal) && w.Contains("X509", StringComparison.Ordinal));
    }

    [Fact]
    public void Grace_reset_does_not_warn_about_certificates_when_the_host_holds_them()
    {
        var m = TestMachine.SessionHost().Mode(2).Servers("lic01.example.com");
        m.ControlSet.CreateSubkeyPath(LicensingPaths.GracePeriod).SetValue(RegistryValue.FromBinary(LicensingPaths.RtmTimebomb, new byte[230]));
        m.ControlSet.CreateSubkeyPath(LicensingPaths.Rcm).SetValue(RegistryValue.FromBinary("X509 Certificate", new byte[700]));
        using var machine = m.Machine();
        var plan = LicensingPlanner.ResetGracePeriod(machine, m.Snapshot(), lab: true);
        Assert.Null(plan.Refusal);
        Assert.DoesNotContain(plan.Warnings, w => w.Contains("X509", StringComparison.Ordinal));
    }

    [Fact]
    public void Grace_reset_without_a_server_is_refused_unless_lab_and_says_to_deploy_one()
    {
        var m = TestMachine.SessionHost().Mode(2);
        m.ControlSet.CreateSubkeyPath(LicensingPaths.GracePeriod).SetValue(RegistryValue.FromBinary(LicensingPaths.RtmTimebomb, new byte[230]));
        using var machine = m.Machine();
        var refused = LicensingPlanner.ResetGracePeriod(machine, m.Snapshot(), lab: false);
        Assert.Equal(ChangeRefusalReason.NoLicenseServer, refused.Refusal!.Reason);
        Assert.Contains("deploy a license server", refused.Refusal.Explanation, StringComparison.Ordinal);
        Assert.Null(LicensingPlanner.ResetGracePeriod(machine, m.Snapshot(), lab: true).Refusal);
    }
}

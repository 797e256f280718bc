using RdsCal.Licensing.Live;
using RdsCal.Licensing.Probes;

namespace RdsCal.Licensing.Tests.Probes;

/// <summary>FindLicenseServers: its answers worded under <c>connectivity</c>, and discovered servers probed as such.</summary>
public class DiscoveryTests
{
    private static readonly WmiAnswer Valid = FakeWmi.Connectivity(WmiAnswerStatus.Answered, 11, 0);

    private static DiscoveredLicenseServers Found(params DiscoveredLicenseServer[] servers) => DiscoveredLicenseServers.Of(servers);

    [Fact]
    public void The_discovered_entry_is_worded_beside_the_verdict()
    {
        var row = WmiChecks.ConnectivityRow(Valid, Found(new DiscoveredLicenseServer("LS1.probe.invalid", 1, 2, 1)), "ls1.probe.invalid", 3, "here");

        Assert.Equal(ProbeOutcome.Ok, row.Outcome);
        Assert.Equal("Win32_TerminalServiceSetting.GetTStoLSConnectivityStatus returned 0, status 11 (LS_CONNECTABLE_VALID_LS): the license server is valid; FindLicenseServers: IsLSAvailable 1 (available), IsAdminOnLS 2 (cannot be determined), IssuingCALs 1 (allowed to issue CALs to this host)", row.Evidence);
    }

    [Theory]
    [InlineData(0u, 1u, "IsLSAvailable 0 (not available), IsAdminOnLS 0 (the account is not its administrator), IssuingCALs 1 (allowed to issue CALs to this host) (which contradicts the verdict)")]
    [InlineData(1u, 0u, "IsLSAvailable 1 (available), IsAdminOnLS 0 (the account is not its administrator), IssuingCALs 0 (not allowed to issue CALs to this host) (which contradicts the verdict)")]
    public void A_valid_verdict_that_discovery_contradicts_is_a_problem(uint available, uint issuing, string words)
    {
        var row = WmiChecks.ConnectivityRow(Valid, Found(new DiscoveredLicenseServer("ls1", available, 0, issuing)), "ls1", 3, "here");

        Assert.Equal(ProbeOutcome.Problem, row.Outcome);
        Assert.EndsWith("; FindLicenseServers: " + words, row.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Undocumented_values_are_said_so_and_an_unknown_verdict_stays_unavailable()
    {
        var row = WmiChecks.ConnectivityRow(FakeWmi.Connectivity(WmiAnswerStatus.Answered, 0, 0), Found(new DiscoveredLicenseServer("ls1", 7, 3, 9)), "ls1", 3, "here");

        Assert.Equal(ProbeOutcome.Unavailable, row.Outcome);
        Assert.EndsWith("; FindLicenseServers: IsLSAvailable 7 (a value Microsoft does not document), IsAdminOnLS 3 (a value Microsoft does not document), IssuingCALs 9 (a value Microsoft does not document)", row.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_discovery_does_not_list_or_a_failed_discovery_is_said_without_changing_the_verdict()
    {
        var missing = WmiChecks.ConnectivityRow(Valid, Found(new DiscoveredLicenseServer("ls2", 1, 1, 1)), "ls1", 3, "here");
        var failed = WmiChecks.ConnectivityRow(Valid, DiscoveredLicenseServers.Failed(WmiAnswerStatus.AccessDenied, "0x80041003"), "ls1", 3, "here");

        Assert.Equal((ProbeOutcome.Ok, true), (missing.Outcome, missing.Evidence.EndsWith("; FindLicenseServers did not list ls1", StringComparison.Ordinal)));
        Assert.Equal(ProbeOutcome.Ok, failed.Outcome);
        Assert.EndsWith("; Win32_TerminalServiceSetting.FindLicenseServers: WMI denied access to Win32_TerminalServiceSetting (administrators only; run elevated, as an administrator of that machine): 0x80041003", failed.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Discovered_servers_become_targets_with_source_discovered()
    {
        var targets = ProbeTargets.Discovered(Found(new DiscoveredLicenseServer("ls1.probe.invalid", 1, 1, 1), new DiscoveredLicenseServer("ls2.probe.invalid", 0, 2, 2)));

        Assert.Equal(
            [new ProbeTarget("ls1.probe.invalid", ProbeServerSource.Discovered, "not configured: found by FindLicenseServers on this machine"), new ProbeTarget("ls2.probe.invalid", ProbeServerSource.Discovered, "not configured: found by FindLicenseServers on this machine")],
            targets);
        Assert.Empty(ProbeTargets.Discovered(DiscoveredLicenseServers.Failed(WmiAnswerStatus.NamespaceMissing, "Wine")));
    }

    [Fact]
    public async Task On_the_session_host_discovery_is_asked_once_for_all_servers_and_joins_each_connectivity_row()
    {
        var wmi = new FakeWmi(Valid) { Discovery = Found(new DiscoveredLicenseServer("ls1.probe.invalid", 1, 1, 1)) };

        var report = await new LicenseServerProbe(wmi.Queries, new ProbeOptions { Timeout = TimeSpan.FromSeconds(2), SessionHostIsHere = true })
            .RunAsync(ProbeTargets.Given(["ls1.probe.invalid", "ls2.probe.invalid"]));

        Assert.Single(wmi.Asked, a => a == "FindLicenseServers");
        Assert.EndsWith("; FindLicenseServers: IsLSAvailable 1 (available), IsAdminOnLS 1 (the account is its administrator), IssuingCALs 1 (allowed to issue CALs to this host)", report.Servers[0].Checks.Single(c => c.Check == ProbeCheck.Connectivity).Evidence, StringComparison.Ordinal);
        Assert.EndsWith("; FindLicenseServers did not list ls2.probe.invalid", report.Servers[1].Checks.Single(c => c.Check == ProbeCheck.Connectivity).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task For_a_hive_discovery_is_not_asked_since_the_session_host_is_another_machine()
    {
        var wmi = new FakeWmi(Valid) { Discovery = Found(new DiscoveredLicenseServer("ls1", 1, 1, 1)) };

        await new LicenseServerProbe(wmi.Queries, new ProbeOptions { Timeout = TimeSpan.FromSeconds(2), SessionHostIsHere = false })
            .RunAsync(ProbeTargets.Given(["ls1.probe.invalid"]));

        Assert.DoesNotContain("FindLicenseServers", wmi.Asked);
    }

    [Fact]
    public void The_contract_word_for_a_discovered_server_is_discovered() =>
        Assert.Equal("discovered", ProbeCheckNames.Of(ProbeServerSource.Discovered));
}

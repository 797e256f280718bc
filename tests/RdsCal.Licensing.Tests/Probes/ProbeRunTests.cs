using System.Net;
using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Probes;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests.Probes;

/// <summary>The one probe operation both front ends run: its refusals, and who the license server was asked as.</summary>
public class ProbeRunTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(61)]
    public async Task A_timeout_out_of_range_is_refused_before_anything_is_asked(double seconds)
    {
        var wmi = new FakeWmi();

        var e = await Assert.ThrowsAsync<ProbeRefusedException>(() => ProbeRun.RunAsync(new ProbeRequest { Servers = ["127.0.0.1"], Timeout = TimeSpan.FromSeconds(seconds) }, wmi.Queries));

        Assert.Equal(ProbeRefusalReason.TimeoutOutOfRange, e.Reason);
        Assert.Empty(wmi.Asked);
    }

    [Fact]
    public async Task Servers_and_hive_files_together_are_refused()
    {
        var request = new ProbeRequest { Servers = ["127.0.0.1"], Machine = new MachineLocation("SYSTEM", null) };

        var e = await Assert.ThrowsAsync<ProbeRefusedException>(() => ProbeRun.RunAsync(request, new FakeWmi().Queries));

        Assert.Equal(ProbeRefusalReason.ServersAndFiles, e.Reason);
    }

    [OffWindowsFact]
    public async Task Without_servers_off_Windows_there_is_no_registry_to_take_them_from()
    {
        var e = await Assert.ThrowsAsync<ProbeRefusedException>(() => ProbeRun.RunAsync(new ProbeRequest(), new FakeWmi().Queries));

        Assert.Equal(ProbeRefusalReason.LiveRegistryNeedsWindows, e.Reason);
    }

    [Fact]
    public async Task A_credential_is_named_as_the_account_of_every_license_server_row_and_never_of_the_session_hosts()
    {
        var wmi = new FakeWmi(activation: FakeWmi.Activation(WmiAnswerStatus.Answered, 0, 0));
        var request = new ProbeRequest { Servers = ["127.0.0.1"], Timeout = TimeSpan.FromSeconds(2), Credential = new NetworkCredential("lsadmin", "secret", "PROBE") };

        var report = await ProbeRun.RunAsync(request, wmi.Queries);

        var rows = Assert.Single(report.Servers).Checks;
        Assert.All(rows.Where(r => r.Check is ProbeCheck.Activation or ProbeCheck.Cals or ProbeCheck.Groups or ProbeCheck.CalsMatch),
            r => Assert.EndsWith(@" as PROBE\lsadmin", r.RanFrom, StringComparison.Ordinal));
        Assert.DoesNotContain("lsadmin", rows.Single(r => r.Check == ProbeCheck.Connectivity).RanFrom ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("activation 127.0.0.1", wmi.Asked);
    }
}

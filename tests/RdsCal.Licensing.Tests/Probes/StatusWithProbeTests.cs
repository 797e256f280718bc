using RdsCal.Licensing.Live;
using RdsCal.Licensing.Probes;
using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Tests.Probes;

/// <summary>status --probe as one library operation: the probe's findings join the registry's, one per cause.</summary>
public class StatusWithProbeTests
{
    private static Finding Made(string code, Severity severity, string message, params string[] evidence) => new(code, severity, message, "remedy", evidence);

    [Fact]
    public void A_cause_both_name_becomes_one_finding_with_the_graver_severity_and_both_evidences()
    {
        var registry = new[] { Made("RDS013", Severity.Info, "The policy is on.", "fSecureLicensing = 1"), Made("RDS001", Severity.Error, "Mode.") };
        var probe = new[] { Made("RDS013", Severity.Error, "ls1 refuses RDSH1.", "groups: refused"), Made("RDS019", Severity.Error, "ls2 unreachable.", "dns: no") };

        var joined = StatusReport.Join(registry, probe);

        Assert.Equal(["RDS013", "RDS001", "RDS019"], joined.Select(f => f.Code));
        Assert.Equal((Severity.Error, "ls1 refuses RDSH1. The policy is on."), (joined[0].Severity, joined[0].Message));
        Assert.Equal(["groups: refused", "fSecureLicensing = 1"], joined[0].Evidence);
    }

    [Fact]
    public async Task Gather_with_probe_probes_the_hives_servers_from_here_and_adds_their_findings()
    {
        var machine = TestMachine.SessionHost().Mode(4).Servers("ls1").Domain("probe.invalid").Machine();
        var wmi = new FakeWmi();

        var (report, probe) = await StatusReport.GatherWithProbeAsync(machine, wmi.Queries, new ProbeOptions { Timeout = TimeSpan.FromSeconds(3), RpcPort = 1, SmbPort = 1 });

        var server = Assert.Single(probe.Servers);
        Assert.Equal("ls1.probe.invalid", server.Target.Name);
        Assert.Equal(ProbeOutcome.Skipped, server.Checks.Single(c => c.Check == ProbeCheck.Connectivity).Outcome);
        Assert.Contains(report.Findings, f => f.Code == "RDS019" && f.Evidence[0].StartsWith("dns: ", StringComparison.Ordinal));
        Assert.Equal(StatusReport.Create(machine).Findings.Count + probe.Findings.Count, report.Findings.Count);
    }
}

using RdsCal.Licensing.Fleet;
using RdsCal.Licensing.Reports;
using RdsCal.Licensing.Sources;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests.Fleet;

/// <summary>The fleet audit's choice of norm: the majority, a host of the fleet, or a status report kept aside.</summary>
public class FleetBaselineTests
{
    [TestDataFact]
    public void The_majority_is_the_norm_unless_a_baseline_host_is_named()
    {
        var audit = Fleet(("rdsh1", "healthy-peruser"), ("rdsh2", "healthy-peruser"), ("rdsh3", "unconfigured"));

        var majority = audit.Complete();
        Assert.Equal("majority: 2 of 3 readable hosts", majority.NormLabel);

        var byHost = audit.Complete(FleetBaseline.FromArgument("RDSH3"));
        Assert.Equal("baseline host RDSH3", byHost.NormLabel);
        Assert.Equal(majority.Groups.Single(g => g.Hosts.Contains("rdsh3")).Configuration, byHost.Norm);
    }

    [TestDataFact]
    public void A_host_not_in_the_fleet_or_unreadable_cannot_be_the_baseline()
    {
        var audit = Fleet(("rdsh1", "healthy-peruser"));
        audit.Add(HostAudit.Unreadable("broken", "folder broken", "SYSTEM: not a hive"));

        var missing = Assert.Throws<FleetBaselineException>(() => audit.Complete(FleetBaseline.Host("nosuchhost")));
        Assert.Equal((FleetBaselineProblem.NoSuchHost, "nosuchhost"), (missing.Problem, missing.Host));
        var unreadable = Assert.Throws<FleetBaselineException>(() => audit.Complete(FleetBaseline.Host("broken")));
        Assert.Equal(FleetBaselineProblem.HostUnreadable, unreadable.Problem);
    }

    [TestDataFact]
    public void A_name_ending_in_json_is_a_status_report_read_before_any_host()
    {
        using var temp = new TempFolder();
        using var machine = MachineRegistry.Open(TestData.Scenario("unconfigured", "SYSTEM"), TestData.Scenario("unconfigured", "SOFTWARE"));
        string file = temp.File("good.JSON");
        using (var writer = new StreamWriter(file))
        {
            StatusJsonWriter.Write(StatusReport.Create(machine), "rdscal test", writer);
        }

        var baseline = FleetBaseline.FromArgument(file);
        Assert.Null(baseline.HostName);
        Assert.NotNull(baseline.Configuration);
        Assert.StartsWith($"baseline file {file} (", baseline.Label, StringComparison.Ordinal);
        var report = Fleet(("rdsh1", "healthy-peruser")).Complete(baseline);
        Assert.Equal(baseline.Configuration, report.Norm);
        Assert.False(Assert.Single(report.Groups).IsNorm);

        Assert.Throws<FileNotFoundException>(() => FleetBaseline.FromArgument(temp.File("absent.json")));
        File.WriteAllText(temp.File("bad.json"), "{}");
        Assert.Throws<StatusJsonFormatException>(() => FleetBaseline.FromArgument(temp.File("bad.json")));
        // PowerShell resolves a provider path first; the report is read where the resolver points.
        Assert.StartsWith($"baseline file {file} (", FleetBaseline.FromArgument("given.json", _ => file).Label, StringComparison.Ordinal);
    }

    private static FleetAudit Fleet(params (string Host, string Scenario)[] hosts)
    {
        var audit = new FleetAudit();
        foreach (var (host, scenario) in hosts)
        {
            using var machine = MachineRegistry.Open(TestData.Scenario(scenario, "SYSTEM"), TestData.Scenario(scenario, "SOFTWARE"));
            audit.Add(HostAudit.FromReport(host, "folder " + host, StatusReport.Create(machine)));
        }
        return audit;
    }
}

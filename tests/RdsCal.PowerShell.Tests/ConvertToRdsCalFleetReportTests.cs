using RdsCal.Licensing.Fleet;
using RdsCal.Tests;

namespace RdsCal.PowerShell.Tests;

/// <summary>The module's fleet audit chooses its norm through the same library call as <c>rdscal fleet --baseline</c>.</summary>
public sealed class ConvertToRdsCalFleetReportTests : IDisposable
{
    private readonly ModuleSession session = new();

    public void Dispose() => session.Dispose();

    [Fact]
    public void A_baseline_host_or_report_file_sets_the_norm_as_the_cli_does()
    {
        const string Fleet = "Get-ChildItem $args[0] -Directory | Get-RdsCalStatus | ConvertTo-RdsCalFleetReport";
        var (byHost, errors) = session.Run(Fleet + " -Baseline unconfigured", ModuleSession.Samples);
        Assert.Empty(errors);
        var report = Assert.IsType<FleetReport>(Assert.Single(byHost).BaseObject);
        Assert.Equal("baseline host unconfigured", report.NormLabel);

        using var temp = new TempFolder();
        string json = temp.File("good.json");
        using (var machine = RdsCal.Licensing.Sources.MachineRegistry.Open(Path.Combine(ModuleSession.Samples, "unconfigured", "SYSTEM.reg"), Path.Combine(ModuleSession.Samples, "unconfigured", "SOFTWARE.reg")))
        using (var writer = new StreamWriter(json))
        {
            RdsCal.Licensing.Reports.StatusJsonWriter.Write(RdsCal.Licensing.StatusReport.Create(machine), "rdscal test", writer);
        }
        var (byFile, fileErrors) = session.Run(Fleet + " -Baseline $args[1]", ModuleSession.Samples, json);
        Assert.Empty(fileErrors);
        var fromFile = Assert.IsType<FleetReport>(Assert.Single(byFile).BaseObject);
        Assert.Equal(report.Norm, fromFile.Norm);
        Assert.StartsWith($"baseline file {json} (", fromFile.NormLabel, StringComparison.Ordinal);
    }

    [Fact]
    public void A_baseline_host_not_in_the_fleet_is_a_terminating_error_worded_for_powershell()
    {
        var (output, errors) = session.Run(
            "Get-ChildItem $args[0] -Directory | Get-RdsCalStatus | ConvertTo-RdsCalFleetReport -Baseline nosuchhost", ModuleSession.Samples);
        Assert.Empty(output);
        var e = Assert.Single(errors);
        Assert.Equal("BaselineNotFound,RdsCal.PowerShell.Cmdlets.ConvertToRdsCalFleetReportCommand", e.FullyQualifiedErrorId);
        Assert.Equal("-Baseline nosuchhost: no host of that name in the fleet (give a host name or a status --json file)", e.Exception.Message);
    }
}

using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Plans;
using RdsCal.Licensing.Snapshot;
using RdsCal.Licensing.Sources;
using RdsCal.Registry;
using RdsCal.Registry.Changes;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests;

/// <summary>The one change operation every front end drives: its steps in order, confirmation, and what a live host is asked after an undo or restore.</summary>
public sealed class ChangeRunExecuteTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private sealed class Recorder(bool confirmsFirst, bool answer) : IChangeRunReporter
    {
        public List<string> Heard { get; } = [];

        public bool ConfirmsBeforeLocking => confirmsFirst;

        public void Started(IReadOnlyList<string> journalWarnings, IReadOnlyList<string> settled) => Heard.Add("started");

        public void Planned(LicensingPlan plan) => Heard.Add("planned");

        public bool Confirm(LicensingPlan plan)
        {
            Heard.Add("confirm");
            return answer;
        }
    }

    private (MachineLocation Machine, ChangeRunOptions Options, string System) Copy(string scenario)
    {
        string system = temp.File("SYSTEM"), software = temp.File("SOFTWARE");
        File.Copy(TestData.Scenario(scenario, "SYSTEM"), system);
        File.Copy(TestData.Scenario(scenario, "SOFTWARE"), software);
        File.SetAttributes(system, FileAttributes.Normal);
        File.SetAttributes(software, FileAttributes.Normal);
        return (new MachineLocation(system, software), new ChangeRunOptions { JournalPath = temp.File("journal.jsonl") }, system);
    }

    private static LicensingPlan PerDevice(MachineRegistry m, LicensingSnapshot s) => LicensingPlanner.SetMode(m, s, LicensingMode.PerDevice, usePolicy: false);

    [TestDataFact]
    public void A_command_line_change_is_started_planned_and_applied_once()
    {
        var (machine, options, _) = Copy("healthy-peruser");
        var reporter = new Recorder(confirmsFirst: false, answer: false);
        var result = ChangeRun.Execute(machine, options, PerDevice, reporter);
        Assert.Equal(ChangeRunEnd.Applied, result.End);
        Assert.Equal(["started", "planned"], reporter.Heard);
        Assert.NotNull(result.Recorded);
        Assert.Null(result.ServiceUpdate);
        Assert.Single(result.Journal.ReadAll());
    }

    [TestDataFact]
    public void A_declined_confirmation_locks_and_writes_nothing()
    {
        var (machine, options, system) = Copy("healthy-peruser");
        byte[] before = File.ReadAllBytes(system);
        var reporter = new Recorder(confirmsFirst: true, answer: false);
        var result = ChangeRun.Execute(machine, options, PerDevice, reporter);
        Assert.Equal(ChangeRunEnd.Declined, result.End);
        Assert.Equal(["planned", "confirm"], reporter.Heard);
        Assert.Equal(before, File.ReadAllBytes(system));
        Assert.False(File.Exists(options.JournalPath));
    }

    [TestDataFact]
    public void A_confirmed_change_is_planned_again_under_the_locks_and_applied()
    {
        var (machine, options, _) = Copy("healthy-peruser");
        var reporter = new Recorder(confirmsFirst: true, answer: true);
        var result = ChangeRun.Execute(machine, options, PerDevice, reporter);
        Assert.Equal(ChangeRunEnd.Applied, result.End);
        Assert.Equal(["planned", "confirm", "started"], reporter.Heard);
    }

    [TestDataFact]
    public void What_if_previews_and_a_refusal_throws_after_the_plan_was_heard()
    {
        var (machine, options, system) = Copy("unconfigured");
        byte[] before = File.ReadAllBytes(system);
        Assert.Equal(ChangeRunEnd.Previewed, ChangeRun.Execute(machine, options, PerDevice, new Recorder(false, false), whatIf: true).End);
        var reporter = new Recorder(false, false);
        var refused = Assert.Throws<ChangeRefusedException>(() => ChangeRun.Execute(machine, options, (m, s) => LicensingPlanner.ResetGracePeriod(m, s, lab: false), reporter));
        Assert.Equal(ChangeRefusalReason.NoLicenseServer, refused.Refusal.Reason);
        Assert.Equal(["started", "planned"], reporter.Heard);
        Assert.Equal(before, File.ReadAllBytes(system));
    }

    [Fact]
    public void An_undo_of_a_mode_or_server_change_asks_the_running_service_for_the_value_it_puts_back()
    {
        const string Core = @"SYSTEM\ControlSet002\Control\Terminal Server\RCM\Licensing Core";
        const string Servers = @"SYSTEM\ControlSet002\Services\TermService\Parameters\LicenseServers";
        var change = new ChangeSet("set", [
            new SetValueOperation(Core, RegistryValue.FromDWord("LicensingMode", 2), RegistryValue.FromDWord("LicensingMode", 4)),
        ]);
        var undo = LiveFollowUps.For(change.Inverse())!;
        Assert.Equal(("ChangeMode", 4u), (undo.Method, (uint)undo.Arguments["LicensingType"]));
        var servers = new ChangeSet("servers", [new SetValueOperation(Servers, RegistryValue.FromMultiString("SpecifiedLicenseServers", ["a", "b"]), null)]);
        var call = LiveFollowUps.For(servers)!;
        Assert.Equal("SetSpecifiedLicenseServerList", call.Method);
        Assert.Equal(["a", "b"], (string[])call.Arguments["SpecifiedLSList"]);
        // Deleting the value, a mode ChangeMode does not take (5), or a policy value: nothing the service can take now.
        Assert.Null(LiveFollowUps.For(servers.Inverse()));
        Assert.Null(LiveFollowUps.For(new ChangeSet("x", [new SetValueOperation(Core, RegistryValue.FromDWord("LicensingMode", 5), null)])));
        Assert.Null(LiveFollowUps.For(new ChangeSet("x", [new SetValueOperation(@"SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services", RegistryValue.FromDWord("LicensingMode", 2), null)])));
    }
}

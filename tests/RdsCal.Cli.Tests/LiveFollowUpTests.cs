using RdsCal.Cli.Commands;
using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Plans;
using RdsCal.Registry.Changes;
using RdsCal.Registry.Live;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>
/// What rdscal says and records after a live change asks the running service (WMI) to take it. The success path
/// needs a real RD Session Host, so it runs here against a fake; Wine's failure path runs in RdsCal.Live.Tests.
/// </summary>
public class LiveFollowUpTests
{
    private static readonly WmiCall ChangeMode = new("ChangeMode", new Dictionary<string, object> { ["LicensingType"] = 4 });

    [Fact]
    public void A_method_that_returned_0_is_reported_as_taken_and_journaled()
    {
        using var temp = new TempFolder();
        var (journal, id) = JournalWithOneEntry(temp);
        var fake = new FakeSettings(new ServiceUpdate("ChangeMode", ServiceUpdateStatus.Taken, 0));
        var output = new StringWriter();

        var update = FollowUp(new CliConsole(output, new StringWriter(), false), fake, journal, id);

        Assert.Same(ChangeMode, fake.Called);
        Assert.True(update.Taken);
        Assert.Equal("the running service took the change: WMI Win32_TerminalServiceSetting.ChangeMode returned 0" + Environment.NewLine, output.ToString());
        var recorded = Assert.Single(journal.ReadAll()).ServiceUpdate;
        Assert.Equal(new JournalServiceUpdate("ChangeMode", true, "taken", 0, null), recorded);
    }

    [Theory]
    [InlineData(ServiceUpdateStatus.ClassMissing, null, "the WMI class root\\cimv2\\TerminalServices:Win32_TerminalServiceSetting is missing (the Remote Desktop Session Host role is not installed, or no provider serves it): InvalidNamespace", "classMissing")]
    [InlineData(ServiceUpdateStatus.AccessDenied, null, "WMI denied access (run from an elevated prompt): InvalidNamespace", "accessDenied")]
    [InlineData(ServiceUpdateStatus.MethodFailed, 5u, "Win32_TerminalServiceSetting.ChangeMode returned 5: InvalidNamespace", "methodFailed")]
    [InlineData(ServiceUpdateStatus.Unavailable, null, "WMI is not available: InvalidNamespace", "unavailable")]
    public void A_failed_call_says_the_registry_changed_but_the_service_did_not_take_it_and_why(ServiceUpdateStatus status, uint? returned, string reason, string recordedStatus)
    {
        using var temp = new TempFolder();
        var (journal, id) = JournalWithOneEntry(temp);
        var fake = new FakeSettings(new ServiceUpdate("ChangeMode", status, returned, "InvalidNamespace"));
        var output = new StringWriter();

        var update = FollowUp(new CliConsole(output, new StringWriter(), false), fake, journal, id);

        Assert.False(update.Taken);
        Assert.Equal(
            $"note: the registry changed but the running service did not take it: {reason}; the change takes effect after a TermService restart or a reboot of this session host" + Environment.NewLine,
            output.ToString());
        Assert.DoesNotContain("took the change", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(new JournalServiceUpdate("ChangeMode", false, recordedStatus, returned, reason), Assert.Single(journal.ReadAll()).ServiceUpdate);
    }

    [Fact]
    public void An_elevation_refusal_is_one_line_with_exit_code_5_saying_what_to_do()
    {
        var err = new StringWriter();
        int exit = Program.Report(new ElevationRequiredException("SeBackupPrivilege, which this process's token does not hold"), new CliConsole(new StringWriter(), err, false));
        Assert.Equal(ExitCodes.AccessDenied, exit);
        Assert.Equal(
            "rdscal: error: changing the live registry needs SeBackupPrivilege, which this process's token does not hold; nothing was changed: run rdscal from an elevated prompt (Run as administrator)" + Environment.NewLine,
            err.ToString());
    }

    // What ChangeRunner does after a live change: the library asks the service and journals, the CLI prints.
    private static ServiceUpdate FollowUp(CliConsole console, ITerminalServiceSettings service, ChangeJournal journal, string id)
    {
        var plan = new LicensingPlan(new ChangeSet("set the licensing mode to PerUser (4)", []), [], null) { LiveFollowUp = ChangeMode };
        using var run = ChangeRun.Begin(MachineLocation.Live, new ChangeRunOptions { JournalPath = journal.Path });
        var update = run.UpdateRunningService(plan, new RecordedChange(id, string.Empty, []), new LiveQueries(service))!;
        ChangeRunner.PrintServiceUpdate(console, update);
        return update;
    }

    [Fact]
    public void Offline_there_is_no_service_to_ask()
    {
        using var temp = new TempFolder();
        var (journal, id) = JournalWithOneEntry(temp);
        string system = temp.File("SYSTEM.reg");
        File.WriteAllText(system, "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\Select]\r\n");
        var fake = new FakeSettings(new ServiceUpdate("ChangeMode", ServiceUpdateStatus.Taken, 0));
        var plan = new LicensingPlan(new ChangeSet("x", []), [], null) { LiveFollowUp = ChangeMode };
        using var run = ChangeRun.Begin(new MachineLocation(system, null), new ChangeRunOptions { JournalPath = journal.Path });
        Assert.Null(run.UpdateRunningService(plan, new RecordedChange(id, string.Empty, []), new LiveQueries(fake)));
        Assert.Null(fake.Called);
        Assert.Null(Assert.Single(journal.ReadAll()).ServiceUpdate);
    }

    private static (ChangeJournal Journal, string Id) JournalWithOneEntry(TempFolder temp)
    {
        var journal = new ChangeJournal(temp.File("journal.jsonl"));
        string id = ChangeJournal.NewId();
        journal.Append(new JournalEntry
        {
            Id = id,
            Time = DateTimeOffset.UnixEpoch,
            User = "admin",
            Machine = "RDSH01",
            Target = "live registry (HKLM)",
            Description = "set the licensing mode to PerUser (4)",
            Operations = [],
            Version = "0.1.0",
        });
        return (journal, id);
    }

    private sealed class FakeSettings(ServiceUpdate answer) : ITerminalServiceSettings
    {
        public WmiCall? Called { get; private set; }

        public ServiceUpdate Invoke(WmiCall call)
        {
            Called = call;
            return answer;
        }

        public GracePeriodQuery GetGracePeriodDays() => new(null, answer with { Method = "GetGracePeriodDays" });
    }
}

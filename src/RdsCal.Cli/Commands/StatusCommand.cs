using RdsCal.Licensing;
using System.CommandLine;
using RdsCal.Cli.Output;
using RdsCal.Licensing.Rules;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal status [--system FILE] [--software FILE] [--security FILE] [--json] [--fail-on SEVERITY] [--probe [--probe-timeout SECONDS]] [--events FILE|DIR]...</c>.</summary>
internal static class StatusCommand
{
    public static Command Create(CliConsole console)
    {
        var system = MachineOptions.System();
        var software = MachineOptions.Software();
        var gpo = MachineOptions.PolicyFiles();
        var security = MachineOptions.Security();
        var json = new Option<bool>("--json") { Description = "Print the stable JSON report (schemaVersion 1) instead of the human report." };
        var failOn = FailOnOption.Create("Exit with code 3 when a finding is at least this severe: error, warning, info or none.");
        var probe = ProbeOption.Create();
        var probeTimeout = ProbeOption.Timeout();
        var events = EventsOption.Create("Also read these event logs (.evtx or .evtx.gz files, or folders of them): a finding whose event was logged shows it, and licensing events no registry setting explains become findings. Live, the last 30 days of this machine's log are read without it.");
        var command = new Command("status", "Show which licensing mode and license servers are in effect and who set them, the grace period, the client license store, and what to fix.")
        {
            system, software, security, gpo, json, failOn, probe, probeTimeout, events,
        };
        command.SetAction(parse =>
        {
            var probeOptions = ProbeOption.Parse(parse, probe, probeTimeout);
            using var machine = MachineOptions.OpenMachine(parse.GetValue(system), parse.GetValue(software), parse.GetValue(gpo), parse.GetValue(security));
            var report = EventsOption.Apply(ProbeOption.Gather(machine, probeOptions), parse.GetValue(events), liveByDefault: true);
            var findings = report.Findings;
            if (parse.GetValue(json))
            {
                StatusJsonRenderer.Render(report, console.Out);
            }
            else
            {
                StatusHumanRenderer.Render(report, console.Out, console.UseColor);
            }
            return FailOnOption.IsMet(parse.GetValue(failOn), findings) ? ExitCodes.FindingsAtThreshold : ExitCodes.Ok;
        });
        return command;
    }
}

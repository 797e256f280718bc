using System.CommandLine;
using RdsCal.Cli.Output;
using RdsCal.Licensing;
using RdsCal.Licensing.Monitoring;
using RdsCal.Licensing.Sources;
using RdsCal.Registry;

namespace RdsCal.Cli.Commands;

/// <summary>
/// <c>rdscal check [--system FILE --software FILE | live] [--warn-days N] [--crit-days N] [--probe [--probe-timeout SECONDS]] [--events FILE|DIR]...</c>: a monitoring plugin
/// (Nagios, Icinga, Checkmk) with the Monitoring Plugins exit codes 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
/// Every failure, unreadable inputs included, is UNKNOWN with the reason on the status line.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var system = MachineOptions.System();
        var software = MachineOptions.Software();
        var warnDays = new Option<int>("--warn-days") { HelpName = "N", Description = "WARNING when the grace period has N days or fewer left (live only, and only where no license server is in effect).", DefaultValueFactory = _ => 30 };
        var critDays = new Option<int>("--crit-days") { HelpName = "N", Description = "CRITICAL when the grace period has N days or fewer left (live only, and only where no license server is in effect).", DefaultValueFactory = _ => 14 };
        var probe = ProbeOption.Create();
        var probeTimeout = ProbeOption.Timeout();
        var events = EventsOption.Create("Also read these event logs (.evtx or .evtx.gz files, or folders of them): licensing events join the findings the check alerts on.");
        var command = new Command("check", "Check licensing as a Nagios/Icinga/Checkmk plugin: exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN, one status line with performance data, then the findings.")
        {
            system, software, warnDays, critDays, probe, probeTimeout, events,
        };
        command.SetAction(parse =>
        {
            int warn = parse.GetValue(warnDays), crit = parse.GetValue(critDays);
            CheckResult result;
            if (warn < 0 || crit < 0 || crit > warn)
            {
                result = LicensingCheck.Unknown($"--crit-days ({crit}) must be between 0 and --warn-days ({warn})");
            }
            else
            {
                try
                {
                    var probeOptions = ProbeOption.Parse(parse, probe, probeTimeout);
                    using var machine = MachineOptions.OpenMachine(parse.GetValue(system), parse.GetValue(software));
                    result = NotWhatItMonitors(machine) is { } reason
                        ? LicensingCheck.Unknown(reason)
                        : LicensingCheck.Evaluate(EventsOption.Apply(ProbeOption.Gather(machine, probeOptions), parse.GetValue(events), liveByDefault: false), warn, crit);
                }
                catch (Exception e) when (e is RegistryFormatException or RdsCal.EventLog.EvtxFormatException or IOException or UnauthorizedAccessException or UsageException or InvalidDataException or NotSupportedException)
                {
                    result = LicensingCheck.Unknown(e switch
                    {
                        RegistryFormatException f => f.SourcePath is null ? f.Reason : $"{f.SourcePath}: {f.Reason}",
                        FileNotFoundException nf => $"{nf.FileName ?? "file"}: no such file",
                        _ => e.Message,
                    });
                }
            }
            console.Out.Write(MonitoringPluginText.Format(result));
            return (int)result.State;
        });
        return command;
    }

    /// <summary>
    /// Why a hive given is not the one it was given as (a SOFTWARE or BCD hive as --system, a SYSTEM hive as
    /// --software), or null. status reports such a hive as a data-quality warning; a monitoring plugin that
    /// could not read what it monitors must say UNKNOWN instead, never WARNING.
    /// </summary>
    private static string? NotWhatItMonitors(MachineRegistry machine)
    {
        if (machine.System is { Kind: not RegistrySourceKind.Live } system && machine.ControlSetName is null)
        {
            return $"{system.Label}: not a SYSTEM hive rdscal can read ({machine.ControlSetProblem})";
        }
        if (machine.Software is { Kind: not RegistrySourceKind.Live } software
            && software.Root.OpenSubkey("Microsoft") is null && software.Root.OpenSubkey("Policies") is null)
        {
            return $"{software.Label}: not a SOFTWARE hive (it has neither a Microsoft nor a Policies key)";
        }
        return null;
    }
}

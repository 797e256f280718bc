using System.CommandLine;
using System.Globalization;
using RdsCal.Cli.Output;
using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Probes;
using RdsCal.Licensing.Reports;
using RdsCal.Licensing.Rules;

namespace RdsCal.Cli.Commands;

/// <summary>
/// <c>rdscal probe [--server NAME...] [--system FILE --software FILE] [--timeout SECONDS] [--json] [--fail-on LEVEL]</c>:
/// checks the license servers themselves (name, ports, the session host's and the license server's WMI answers),
/// one row per check with its evidence; problems become findings (RDS013, RDS015, RDS019, RDS020, RDS021).
/// </summary>
internal static class ProbeCommand
{
    public static Command Create(CliConsole console)
    {
        var servers = new Option<string[]>("--server") { HelpName = "NAME", Description = "A license server to probe (repeatable); otherwise the effective ones of the hives or of this machine.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var system = MachineOptions.System();
        var software = MachineOptions.Software();
        var timeout = new Option<double>("--timeout") { HelpName = "SECONDS", Description = "The bound on each name lookup and TCP connect (default 3).", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "Print the stable JSON document (schemaVersion 1, docs/probe-json.md)." };
        var failOn = FailOnOption.Create("Exit with code 3 when a finding is at least this severe: error, warning, info or none.");
        var command = new Command("probe", "Check the license servers themselves: name resolution, TCP 135 and 445, the session host's connectivity verdict, the server's activation, key packs and groups, and whether it holds CALs of this host's mode and version, with the evidence and the time each took.")
        {
            servers, system, software, timeout, json, failOn,
        };
        command.SetAction(parse =>
        {
            string[] named = parse.GetValue(servers) ?? [];
            var (systemFile, softwareFile) = (parse.GetValue(system), parse.GetValue(software));
            bool offline = systemFile is not null || softwareFile is not null;
            double seconds = parse.GetValue(timeout);
            var request = new ProbeRequest
            {
                Servers = named,
                Machine = new MachineLocation(systemFile?.FullName, softwareFile?.FullName),
                Timeout = seconds > 0 && seconds <= ProbeRequest.MaxTimeout.TotalSeconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero,
            };
            ProbeReport report;
            try
            {
                report = ProbeRun.RunAsync(request, CancellationToken.None).GetAwaiter().GetResult();
            }
            catch (ProbeRefusedException e)
            {
                throw new UsageException(Words(e, seconds));
            }
            report = report with { Findings = [.. report.Findings.Select(CommandLineWording.Instance.Word)] };
            if (parse.GetValue(json))
            {
                ProbeJsonWriter.Write(report, console.Out);
            }
            else
            {
                WriteText(console.Out, report, offline);
            }
            return FailOnOption.IsMet(parse.GetValue(failOn), report.Findings) ? ExitCodes.FindingsAtThreshold : ExitCodes.Ok;
        });
        return command;
    }

    private static string Words(ProbeRefusedException e, double seconds) => e.Reason switch
    {
        ProbeRefusalReason.TimeoutOutOfRange => $"--timeout {seconds.ToString(CultureInfo.InvariantCulture)}: give seconds above 0 and at most {ProbeRequest.MaxTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}",
        ProbeRefusalReason.ServersAndFiles => "give either --server NAME or --system/--software FILE, not both: the servers come from one of them",
        ProbeRefusalReason.LiveRegistryNeedsWindows => "give --server NAME, or --system FILE --software FILE (the servers a hive names, checked from here): this machine's own settings exist only on Windows",
        _ => $"{e.Message}: give --server NAME",
    };

    private static void WriteText(TextWriter o, ProbeReport report, bool offline)
    {
        string here = $"this machine ({Environment.MachineName})";
        if (offline)
        {
            o.WriteLine($"The hive's license servers, checked from {here} with its resolver, not from the session host.");
        }
        foreach (var server in report.Servers)
        {
            o.WriteLine($"license server {server.Target.Name} ({ProbeCheckNames.Of(server.Target.Source)})");
            if (server.Target.Note is { } note)
            {
                o.WriteLine($"  note: {note}");
            }
            foreach (var row in server.Checks)
            {
                o.WriteLine($"  {ProbeCheckNames.Of(row.Check),-13}{ProbeCheckNames.Of(row.Outcome),-12}{row.ElapsedMs,6} ms  {row.Evidence}");
                if (row.RanFrom is { } from && !from.Equals(here, StringComparison.Ordinal))
                {
                    o.WriteLine($"  {string.Empty,-31}ran from {from}");
                }
            }
        }
        if (report.Findings.Count == 0)
        {
            o.WriteLine("findings: none (a check that is not ok and made no finding could not be run: see its row)");
            return;
        }
        o.WriteLine("findings:");
        foreach (var f in report.Findings)
        {
            o.WriteLine($"  {f.Code} {SeverityNames.Of(f.Severity)}: {f.Message}");
            foreach (string e in f.Evidence)
            {
                o.WriteLine($"    evidence: {e}");
            }
            o.WriteLine($"    remedy: {f.Remedy}");
        }
    }
}

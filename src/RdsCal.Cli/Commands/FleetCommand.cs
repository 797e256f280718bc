using System.CommandLine;
using RdsCal.Cli.Output;
using RdsCal.Licensing.Fleet;
using RdsCal.Licensing.Rules;
using RdsCal.Registry;

namespace RdsCal.Cli.Commands;

/// <summary>
/// <c>rdscal fleet INPUT... [--baseline HOST|FILE.json] [--html FILE] [--csv FILE] [--json] [--fail-on SEVERITY]</c>:
/// audits many hosts at once. Inputs are machine folders (hives, .reg, gzip, .pol), folders of them, and
/// <c>status --json</c> files, in any mix; an unreadable or foreign input is reported as that host's error
/// and the run goes on. Hosts are grouped by configuration fingerprint and compared with the norm.
/// </summary>
internal static class FleetCommand
{
    public static Command Create(CliConsole console)
    {
        var inputs = new Argument<string[]>("INPUT")
        {
            Description = "Machine folders (SYSTEM/SOFTWARE as hive, .reg or .gz, plus *.pol), folders holding one such folder or status --json file per host, or status --json files.",
            Arity = ArgumentArity.OneOrMore,
        }.RefuseOptionLikeValues();
        var baseline = new Option<string?>("--baseline") { HelpName = "HOST|FILE.json", Description = "Compare every host with this host of the fleet, or with this status --json report, instead of the majority." };
        var html = new Option<FileInfo?>("--html") { HelpName = "FILE", Description = "Also write a self-contained HTML report (no network access needed to view it)." };
        var csv = new Option<FileInfo?>("--csv") { HelpName = "FILE", Description = "Also write one CSV row per host." };
        var json = new Option<bool>("--json") { Description = "Print the audit as JSON (hosts, norm, groups, finding counts) instead of text." };
        var force = new Option<bool>("--force") { Description = "Replace existing --html/--csv files." };
        var failOn = FailOnOption.Create("Exit with code 3 when any host has a finding at least this severe: error, warning, info or none.");
        var command = new Command("fleet", "Audit many hosts: group them by configuration, show how minorities differ from the norm, count findings by code (text, JSON, HTML, CSV).")
        {
            inputs, baseline, html, csv, json, force, failOn,
        };
        command.SetAction(parse =>
        {
            var htmlFile = parse.GetValue(html);
            var csvFile = parse.GetValue(csv);
            foreach (var target in new[] { htmlFile, csvFile })
            {
                if (target is not null && (target.Exists || Directory.Exists(target.FullName)) && !parse.GetValue(force))
                {
                    throw new OperationRefusedException($"{target.FullName} exists; give --force to replace it");
                }
            }
            string? baselineArg = parse.GetValue(baseline);
            var baselineChoice = baselineArg is null ? null : FleetBaseline.FromArgument(baselineArg);

            using var htmlWriter = htmlFile is null ? null : new FleetHtmlWriter();
            using var csvWriter = csvFile is null ? null : new FleetCsvWriter();
            using var jsonWriter = parse.GetValue(json) ? new FleetJsonWriter() : null;
            var audit = new FleetAudit();
            foreach (var host in FleetReader.Read(FleetInput.Expand(parse.GetValue(inputs)!), Environment.ProcessorCount, CommandLineWording.Instance))
            {
                audit.Add(host);
                htmlWriter?.Add(host);
                csvWriter?.Add(host);
                jsonWriter?.Add(host);
            }
            FleetReport report;
            try
            {
                report = audit.Complete(baselineChoice);
            }
            catch (FleetBaselineException e) when (e.Problem == FleetBaselineProblem.NoSuchHost)
            {
                throw new UsageException($"--baseline {e.Host}: no host of that name in the fleet (give a host name or a status --json file)");
            }
            catch (FleetBaselineException e)
            {
                throw new OperationRefusedException($"--baseline {e.Host}: that host could not be read, so it cannot be the baseline");
            }
            var reportOutput = new OutputOptions { ReplaceExisting = parse.GetValue(force) };

            if (htmlWriter is not null)
            {
                htmlWriter.FinishFile(report, htmlFile!.FullName, DateTimeOffset.UtcNow, reportOutput);
            }
            if (csvWriter is not null)
            {
                csvWriter.FinishFile(csvFile!.FullName, reportOutput);
            }
            if (jsonWriter is not null)
            {
                jsonWriter.Finish(report, console.Out);
            }
            else
            {
                FleetTextRenderer.Render(report, console.Out, console.UseColor);
            }
            foreach (var written in new[] { htmlFile, csvFile }.OfType<FileInfo>())
            {
                console.Error.WriteLine($"rdscal: wrote {written.FullName}");
            }

            Severity? threshold = parse.GetValue(failOn) switch
            {
                FailOn.Error => Severity.Error,
                FailOn.Warning => Severity.Warning,
                FailOn.Info => Severity.Info,
                _ => null,
            };
            if (report.Unreadable > 0)
            {
                return ExitCodes.CorruptInput;
            }
            return threshold is { } t && report.FindingCounts.Any(c => c.Severity >= t) ? ExitCodes.FindingsAtThreshold : ExitCodes.Ok;
        });
        return command;
    }
}

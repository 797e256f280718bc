using RdsCal.Licensing;
using System.CommandLine;
using System.Text.Json;
using RdsCal.Cli.Output;
using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Sources;
using RdsCal.Registry;

namespace RdsCal.Cli.Commands;

/// <summary>
/// <c>rdscal fleet DIR [--json] [--fail-on SEVERITY]</c>: the status of many machines at once. Each folder
/// under DIR is a machine holding its SYSTEM and/or SOFTWARE (hive or .reg, found by name) and any
/// Registry.pol files; one unreadable machine is reported and does not stop the others.
/// </summary>
internal static class FleetCommand
{
    public static Command Create(CliConsole console)
    {
        var dir = new Argument<DirectoryInfo>("DIR") { Description = "A folder with one subfolder per machine, each holding SYSTEM and/or SOFTWARE (hive or .reg) and optional *.pol files." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array: one status report (schemaVersion 1) per machine, or its error." };
        var failOn = FailOnOption.Create("Exit with code 3 when any machine has a finding at least this severe: error, warning, info or none.");
        var command = new Command("fleet", "Show the licensing status of every machine in a folder of exports or hives, one line each (or JSON).") { dir, json, failOn };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(dir)!;
            if (!root.Exists)
            {
                throw new DirectoryNotFoundException($"{root.FullName}: no such folder");
            }
            var results = root.GetDirectories().OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase).Select(Read).ToList();
            if (parse.GetValue(json))
            {
                WriteJson(results, console.Out);
            }
            else
            {
                WriteTable(results, console);
            }
            if (results.Any(r => r.Error is not null))
            {
                return ExitCodes.CorruptInput;
            }
            var threshold = parse.GetValue(failOn);
            return results.Any(r => FailOnOption.IsMet(threshold, r.Report!.Findings)) ? ExitCodes.FindingsAtThreshold : ExitCodes.Ok;
        });
        return command;
    }

    private sealed record MachineResult(string Name, StatusReport? Report, string? Error);

    private static MachineResult Read(DirectoryInfo machineDir)
    {
        string? Find(string hive) => machineDir.GetFiles()
            .Where(f => string.Equals(Path.GetFileNameWithoutExtension(f.Name), hive, StringComparison.OrdinalIgnoreCase)
                && (f.Extension.Length == 0 || f.Extension.Equals(".reg", StringComparison.OrdinalIgnoreCase) || f.Extension.Equals(".gz", StringComparison.OrdinalIgnoreCase)))
            .OrderBy(f => f.Extension.Length)
            .Select(f => f.FullName)
            .FirstOrDefault();
        string? system = Find("SYSTEM"), software = Find("SOFTWARE");
        var policies = machineDir.GetFiles("*.pol").Select(f => f.FullName).Order(StringComparer.Ordinal).ToList();
        if (system is null && software is null && policies.Count == 0)
        {
            return new MachineResult(machineDir.Name, null, "no SYSTEM, SOFTWARE or .pol file in the folder");
        }
        try
        {
            using var machine = MachineRegistry.Open(system, software, policies);
            return new MachineResult(machineDir.Name, StatusReport.Create(machine), null);
        }
        catch (Exception e) when (e is RegistryFormatException or IOException or UnauthorizedAccessException)
        {
            return new MachineResult(machineDir.Name, null, e is RegistryFormatException f ? $"{f.SourcePath}: {f.Reason}" : e.Message);
        }
    }

    private static void WriteTable(List<MachineResult> results, CliConsole console)
    {
        var st = new Style(console.UseColor);
        int width = Math.Max(8, results.Count == 0 ? 0 : results.Max(r => r.Name.Length)) + 2;
        console.Out.WriteLine(st.Bold($"{"MACHINE".PadRight(width)}{"MODE",-31}{"LICENSE SERVERS",-40}{"GRACE",-9}FINDINGS"));
        foreach (var r in results)
        {
            if (r.Report is null)
            {
                console.Out.WriteLine($"{r.Name.PadRight(width)}{st.Red("unreadable: " + r.Error)}");
                continue;
            }
            var s = r.Report.Snapshot;
            string mode = $"{s.Mode.Effective} ({StatusJsonRenderer.SourceName(s.Mode.Source)})";
            string servers = s.Servers.Effective.Count == 0 ? "none" : string.Join(",", s.Servers.Effective);
            if (servers.Length > 38)
            {
                servers = servers[..37] + "…";
            }
            string grace = s.GracePeriod.ShortText;
            var f = r.Report.Findings;
            string findings = string.Join(" ", f.Where(x => x.Severity > Severity.Info).Select(x => x.Code).Distinct());
            int errors = f.Count(x => x.Severity == Severity.Error), warns = f.Count(x => x.Severity == Severity.Warning);
            string summary = errors > 0 ? st.Red($"{errors}E {warns}W {findings}") : warns > 0 ? st.Yellow($"{warns}W {findings}") : st.Green("ok");
            console.Out.WriteLine($"{r.Name.PadRight(width)}{mode,-31}{servers,-40}{grace,-9}{summary}");
        }
        int bad = results.Count(r => r.Report?.Findings.Any(x => x.Severity == Severity.Error) == true || r.Error is not null);
        console.Out.WriteLine($"{results.Count} machine(s), {bad} with errors or unreadable");
    }

    private static void WriteJson(List<MachineResult> results, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("machine", r.Name);
                if (r.Report is not null)
                {
                    w.WritePropertyName("status");
                    StatusJsonRenderer.Write(w, r.Report);
                    w.WriteNull("error");
                }
                else
                {
                    w.WriteNull("status");
                    w.WriteString("error", r.Error);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}

using System.CommandLine;
using RdsCal.Cli.Output;
using RdsCal.Licensing.Events;
using RdsCal.Licensing.Rules;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal explain "TEXT"|EVENT-ID|RDSnnn</c> and <c>rdscal explain --list</c>: which rules explain an error, how to tell the causes apart, and the steps to fix each.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var text = new Argument<string[]>("TEXT") { Description = "An error message (or part of one), an event ID such as 1128, or a rule code such as RDS002.", Arity = ArgumentArity.ZeroOrMore };
        var list = new Option<bool>("--list") { Description = "List every rule: code, severity, the machine its remedy applies to, and title." };
        var command = new Command("explain", "Explain an RDS licensing error message or event ID: each cause rdscal knows, how to tell them apart, how to fix each, and the sources.") { text, list };
        command.SetAction(parse =>
        {
            var st = new Style(console.UseColor);
            string query = string.Join(' ', parse.GetValue(text) ?? []);
            if (parse.GetValue(list))
            {
                if (query.Length > 0)
                {
                    throw new UsageException("give either --list or TEXT, not both");
                }
                foreach (var r in RuleCatalog.All)
                {
                    console.Out.WriteLine($"{r.Code}  {SeverityNames.Of(r.Severity),-7}  {RemedyTargets.Name(r.AppliesTo),-17}  {r.Title}");
                }
                return ExitCodes.Ok;
            }
            if (query.Trim().Length == 0)
            {
                throw new UsageException("give an error message, an event ID or a rule code to explain, or --list");
            }
            var answer = ExplainResult.For(query);
            if (answer.NotWindows is { } invented)
            {
                console.Out.WriteLine(invented.Explanation.Word(CommandLineWording.Instance));
                console.Out.WriteLine($"  source: {invented.Source.Title}: {invented.Source.Note} <{invented.Source.Url}>");
                return ExitCodes.Ok;
            }
            if (!answer.Found)
            {
                console.Out.WriteLine($"No rule explains \"{query}\". Try an event ID ({string.Join(", ", ExplainResult.KnownIds)}), a shorter part of the message, or 'rdscal explain --list'.");
                return ExitCodes.FindingsAtThreshold;
            }
            var rules = answer.Rules;
            if (answer.Event is { } ev)
            {
                console.Out.WriteLine(st.Bold($"Event {ev.Id}") + $" (logged on {ev.Where}; provider {ev.Provider}; {ev.EraText})");
                if (ev.Message is { } message)
                {
                    console.Out.WriteLine($"  Windows says: \"{message}\"");
                }
                console.Out.WriteLine($"  {ev.Meaning}");
                WriteSources(console, st, ev.Sources);
                console.Out.WriteLine();
                console.Out.WriteLine(rules.Count switch
                {
                    0 => "No rdscal rule covers its cause: the registry does not show it. Act on the message above.",
                    1 => "1 cause:",
                    _ => $"{rules.Count} possible causes; how to tell them apart is given for each:",
                });
                console.Out.WriteLine();
            }
            foreach (var r in rules)
            {
                WriteRule(console, st, r);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteRule(CliConsole console, Style st, DiagnosticRule r)
    {
        var o = console.Out;
        o.WriteLine($"{st.Bold(r.Code.ToString())} {st.Bold(r.Title)} ({SeverityNames.Of(r.Severity)})");
        if (r.HowToTellText is { } tell)
        {
            o.WriteLine($"  how to tell: {tell.Word(CommandLineWording.Instance)}");
        }
        if (r.EventIds.Count > 0)
        {
            o.WriteLine($"  events: {string.Join(", ", r.EventIds)}");
        }
        foreach (string m in r.Messages)
        {
            o.WriteLine($"  message: \"{m}\"");
        }
        foreach (string m in r.ClientMessages)
        {
            o.WriteLine($"  shown by the connecting client: \"{m}\"");
        }
        o.WriteLine($"  {(r.DetectableOffline ? "detected by 'rdscal status' from the registry" : "not visible in the registry: check as below")}");
        o.WriteLine($"  fix: {r.RemedyText.Word(CommandLineWording.Instance)}");
        var steps = r.StepTexts;
        for (int i = 0; i < steps.Count; i++)
        {
            o.WriteLine($"  {i + 1}. {steps[i].Word(CommandLineWording.Instance)}");
        }
        foreach (string p in r.Paths)
        {
            o.WriteLine($"  reads: {st.Dim(p)}");
        }
        WriteSources(console, st, r.Sources);
        o.WriteLine();
    }

    private static void WriteSources(CliConsole console, Style st, IReadOnlyList<RuleSource> sources)
    {
        foreach (var s in sources)
        {
            console.Out.WriteLine($"  source: {s.Title}: {s.Note} {st.Dim($"<{s.Url}>")}");
        }
    }
}

using System.CommandLine;
using RdsCal.Cli.Output;
using RdsCal.Licensing.Rules;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal explain "TEXT"|EVENT-ID|RDSnnn</c>: which rules explain an error, and the steps to fix it.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var text = new Argument<string[]>("TEXT") { Description = "An error message (or part of one), an event ID such as 1069, or a rule code such as RDS002.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("explain", "Explain an RDS licensing error message or event ID: the causes rdscal knows, and how to fix each.") { text };
        command.SetAction(parse =>
        {
            string query = string.Join(' ', parse.GetValue(text) ?? []);
            var rules = RuleCatalog.Explain(query);
            var st = new Style(console.UseColor);
            if (rules.Count == 0)
            {
                console.Out.WriteLine($"No rule explains \"{query}\". Try an event ID (1003, 1004, 1028, 1069, 1128, 1130, 4105, 4141) or a shorter part of the message.");
                return ExitCodes.FindingsAtThreshold;
            }
            foreach (var r in rules)
            {
                console.Out.WriteLine($"{st.Bold(r.Code)} {st.Bold(r.Title)} ({StatusJsonRenderer.SeverityName(r.Severity)})");
                if (r.EventIds.Count > 0)
                {
                    console.Out.WriteLine($"  events: {string.Join(", ", r.EventIds)}");
                }
                foreach (string m in r.Messages)
                {
                    console.Out.WriteLine($"  message: \"{m}\"");
                }
                console.Out.WriteLine($"  {(r.DetectableOffline ? "detected by 'rdscal status' from the registry" : "not visible in the registry: check as below")}");
                for (int i = 0; i < r.Steps.Count; i++)
                {
                    console.Out.WriteLine($"  {i + 1}. {r.Steps[i]}");
                }
                foreach (string p in r.Paths)
                {
                    console.Out.WriteLine($"  reads: {st.Dim(p)}");
                }
                console.Out.WriteLine();
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using RdsCal.Licensing.Changes;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal history [--json]</c>: the journal, each change with how it ended.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print the entries as a JSON array." };
        var journalOption = ChangeRunner.Journal();
        var command = new Command("history", "List the changes rdscal has made, with their status (applied, pending, failed, rolled back, undone).") { json, journalOption };
        command.SetAction(parse =>
        {
            string journal = ChangeRunner.JournalPath(parse.GetValue(journalOption));
            var (entries, warnings) = HistoryItem.Read(journal);
            foreach (string w in warnings)
            {
                console.Warn(w);
            }
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(entries.ToList(), HistoryJsonContext.Default.ListHistoryItem));
                return ExitCodes.Ok;
            }
            if (entries.Count == 0)
            {
                console.Out.WriteLine($"no changes recorded in {journal}");
            }
            foreach (var e in entries)
            {
                console.Out.WriteLine($"{e.Id}  {e.Time:yyyy-MM-dd HH:mm:ss}Z  {e.User}@{e.Machine}  {e.Status}");
                console.Out.WriteLine($"    {e.Description} ({e.Operations.Count} operation(s)) on {e.Target}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

/// <summary>history --json, generated at compile time (no reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<HistoryItem>))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;

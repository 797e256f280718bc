using System.CommandLine;
using System.Text.Json;
using RdsCal.Cli.Output;
using RdsCal.Registry.Changes;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal history [--json]</c>: the journal.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print the entries as a JSON array." };
        var journalOption = ChangeRunner.Journal();
        var command = new Command("history", "List the changes rdscal has applied, with their status.") { json, journalOption };
        command.SetAction(parse =>
        {
            var journal = new ChangeJournal(parse.GetValue(journalOption)?.FullName ?? ChangeJournal.DefaultPath);
            var entries = journal.ReadAll();
            if (parse.GetValue(json))
            {
                var list = entries.Select(e => HistoryJsonEntry.From(e, Status(e))).ToList();
                console.Out.WriteLine(JsonSerializer.Serialize(list, CliJsonContext.Default.IReadOnlyListHistoryJsonEntry));
                return ExitCodes.Ok;
            }
            if (entries.Count == 0)
            {
                console.Out.WriteLine($"no changes recorded in {journal.Path}");
            }
            foreach (var e in entries)
            {
                console.Out.WriteLine($"{e.Id}  {e.Time:yyyy-MM-dd HH:mm:ss}Z  {e.User}@{e.Machine}  {Status(e)}");
                console.Out.WriteLine($"    {e.Description} ({e.Operations.Count} operation(s)) on {e.Target}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Status(JournalEntry e) =>
        e.Failed is not null ? $"failed: {e.Failed}" : e.UndoneBy is not null ? $"undone by {e.UndoneBy}" : e.UndoOf is not null ? $"undo of {e.UndoOf}" : "applied";
}

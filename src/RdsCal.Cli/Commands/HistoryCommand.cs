using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using RdsCal.Registry.Changes;

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
            var journal = new ChangeJournal(parse.GetValue(journalOption)?.FullName ?? ChangeJournal.DefaultPath);
            var contents = journal.Read();
            foreach (string w in contents.Warnings)
            {
                console.Warn(w);
            }
            var entries = contents.Entries;
            if (parse.GetValue(json))
            {
                var list = entries.Select(e => new HistoryItem(e.Id, e.Time, e.User, e.Machine, e.Target, e.Description, e.BackupPath, e.Version, e.UndoOf, e.Parts, Status(e), e.ServiceUpdate, e.Operations)).ToList();
                console.Out.WriteLine(JsonSerializer.Serialize(list, HistoryJsonContext.Default.ListHistoryItem));
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

    private static string Status(JournalEntry e) => e.Outcome switch
    {
        ChangeOutcome.Pending => "pending: interrupted before it was settled (the next change of its files completes or rolls it back)",
        ChangeOutcome.Failed => $"failed: {e.OutcomeReason}",
        ChangeOutcome.RolledBack => $"rolled back: {e.OutcomeReason}",
        _ when e.UndoneBy is not null => $"undone by {e.UndoneBy}",
        _ when e.UndoOf is not null => $"undo of {e.UndoOf}",
        _ => e.OutcomeReason is null ? "applied" : $"applied ({e.OutcomeReason})",
    };
}

/// <summary>One change as <c>history --json</c> prints it.</summary>
internal sealed record HistoryItem(
    string Id,
    DateTimeOffset Time,
    string User,
    string Machine,
    string Target,
    string Description,
    string? BackupPath,
    string Version,
    string? UndoOf,
    IReadOnlyDictionary<string, string>? Parts,
    string Status,
    JournalServiceUpdate? ServiceUpdate,
    IReadOnlyList<JournalOperation> Operations);

/// <summary>history --json, generated at compile time (no reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<HistoryItem>))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;

using System.CommandLine;
using RdsCal.Registry.Changes;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal undo ENTRY-ID|--last [--force]</c>.</summary>
internal static class UndoCommand
{
    public static Command Create(CliConsole console)
    {
        var id = new Argument<string?>("ENTRY-ID") { Description = "The journal entry to undo (a unique prefix is enough).", Arity = ArgumentArity.ZeroOrOne };
        var last = new Option<bool>("--last") { Description = "Undo the latest change not yet undone." };
        var force = new Option<bool>("--force") { Description = "Undo even when the values are no longer what the change left (the drift is shown)." };
        var system = MachineOptions.System();
        var software = MachineOptions.Software();
        var journalOption = ChangeRunner.Journal();
        var whatIf = ChangeRunner.WhatIf();
        var output = ChangeRunner.ChangeScript();
        var command = new Command("undo", "Apply the inverse of a recorded change, refusing when the registry drifted since (unless --force).")
        {
            id, last, force, system, software, journalOption, whatIf, output,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(id) is null) == !result.GetValue(last))
            {
                result.AddError("undo: give exactly one of an entry id and --last");
            }
        });
        command.SetAction(parse =>
        {
            var journal = new ChangeJournal(parse.GetValue(journalOption)?.FullName ?? ChangeJournal.DefaultPath);
            string? wanted = parse.GetValue(id);
            var entry = (wanted is null ? journal.LastUndoable() : journal.Find(wanted))
                ?? throw new UsageException(wanted is null ? $"{journal.Path}: no change to undo" : $"{journal.Path}: no entry '{wanted}' (see 'rdscal history')");
            if (entry.UndoneBy is not null)
            {
                throw new OperationRefusedException($"change {entry.Id} was already undone by {entry.UndoneBy}");
            }
            var parts = entry.Parts ?? new Dictionary<string, string>();
            bool live = parts.Values.Any(p => p == "live");
            var sys = parse.GetValue(system) ?? (parts.TryGetValue("SYSTEM", out var s) && s != "live" ? new FileInfo(s) : null);
            var soft = parse.GetValue(software) ?? (parts.TryGetValue("SOFTWARE", out var w) && w != "live" ? new FileInfo(w) : null);
            var inverse = entry.ToChangeSet().Inverse();
            console.Out.Write(inverse.Render());
            if (parse.GetValue(whatIf))
            {
                console.Out.WriteLine("what-if: nothing was changed");
                return ExitCodes.Ok;
            }
            try
            {
                var recorded = ChangeRunner.Apply(inverse, journal, sys, soft, parse.GetValue(output), live, entry.Id, ChangeRunner.Parts(sys, soft, live), parse.GetValue(force));
                ChangeRunner.Report(console, recorded, journal);
                return ExitCodes.Ok;
            }
            catch (ChangeConflictException conflict)
            {
                console.Error.WriteLine($"rdscal: error: refusing to undo {entry.Id}: the registry is no longer what the change left (use --force to undo anyway):");
                foreach (string d in conflict.Drift)
                {
                    console.Error.WriteLine($"rdscal:   {d}");
                }
                return ExitCodes.Refused;
            }
        });
        return command;
    }
}

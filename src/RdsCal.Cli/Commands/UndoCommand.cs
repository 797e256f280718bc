using System.CommandLine;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Changes;
using RdsCal.Registry.Changes;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal undo ENTRY-ID|--last [--force]</c>.</summary>
internal static class UndoCommand
{
    public static Command Create(CliConsole console)
    {
        var id = new Argument<string?>("ENTRY-ID") { Description = "The journal entry to undo (a unique prefix is enough).", Arity = ArgumentArity.ZeroOrOne };
        var last = new Option<bool>("--last") { Description = "Undo the latest change not yet undone." };
        var force = new Option<bool>("--force") { Description = "Undo even when the values are no longer what the change left (the drift is shown); also replaces an existing --out file." };
        var options = ChangeRunner.Options.Create() with { Force = force };
        var command = new Command("undo", "Apply the inverse of a recorded change, refusing when the registry drifted since (unless --force).") { id, last };
        options.AddTo(command);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(id) is null) == !result.GetValue(last))
            {
                result.AddError("undo: give exactly one of an entry id and --last");
            }
        });
        command.SetAction(parse =>
        {
            using var undo = UndoRun.Begin(parse.GetValue(id), options.Machine(parse), options.RunOptions(parse), preview: parse.GetValue(options.WhatIf));
            ChangeRunner.PrintSettled(console, undo.JournalWarnings, undo.SettledNotes);
            console.Out.Write(undo.Inverse.Render());
            if (parse.GetValue(options.WhatIf))
            {
                console.Out.WriteLine("what-if: nothing was changed");
                return ExitCodes.Ok;
            }
            try
            {
                var recorded = undo.Apply(ignoreDrift: parse.GetValue(force));
                ChangeRunner.Report(console, recorded, undo.Journal);
                if (undo.UpdateRunningService(recorded, LiveQueries.ThisMachine()) is { } update)
                {
                    ChangeRunner.PrintServiceUpdate(console, update);
                }
                return ExitCodes.Ok;
            }
            catch (ChangeConflictException conflict)
            {
                console.Error.WriteLine($"rdscal: error: refusing to undo {undo.Entry.Id}: the registry is no longer what the change left (use --force to undo anyway):");
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

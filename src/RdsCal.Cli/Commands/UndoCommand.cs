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
        var force = new Option<bool>("--force") { Description = "Undo even when the values are no longer what the change left (the drift is shown); also replaces an existing --out file." };
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
            bool dryRun = parse.GetValue(whatIf);
            // The journal is locked before the entry is chosen, the entry's files before it is read again: a change
            // settled (completed or rolled back) by this run is seen as it ended.
            using var session = dryRun ? null : ChangeSession.Open(journal, ChangeRunner.LockWait());
            var entry = Find(journal, wanted);
            if (session is not null)
            {
                // Lock the files of the chosen entry (or, with nothing to choose yet, of every pending one), settle
                // them, and choose again.
                var files = entry is null
                    ? journal.ReadAll().Where(e => e.Outcome == ChangeOutcome.Pending).SelectMany(e => e.Staging ?? []).Select(s => s.Target).Where(File.Exists).ToList()
                    : HiveFiles(entry, parse.GetValue(system), parse.GetValue(software));
                ChangeRunner.Print(console, session, session.Lock(files));
                entry = Find(journal, wanted);
                if (entry is not null && HiveFiles(entry, parse.GetValue(system), parse.GetValue(software)).Except(files).Any())
                {
                    session.Lock(HiveFiles(entry, parse.GetValue(system), parse.GetValue(software)));
                    entry = Find(journal, wanted);
                }
            }
            if (entry is null)
            {
                throw new UsageException(wanted is null ? $"{journal.Path}: no change to undo" : $"{journal.Path}: no entry '{wanted}' (see 'rdscal history')");
            }
            var (sys, soft, live) = Inputs(entry, parse.GetValue(system), parse.GetValue(software));
            switch (entry.Outcome)
            {
                case ChangeOutcome.Pending:
                    throw new OperationRefusedException($"change {entry.Id} is still pending (interrupted or running); run a change on its files to settle it first");
                case ChangeOutcome.RolledBack:
                    throw new OperationRefusedException($"change {entry.Id} was rolled back: nothing to undo");
            }
            if (entry.UndoneBy is not null)
            {
                throw new OperationRefusedException($"change {entry.Id} was already undone by {entry.UndoneBy}");
            }
            var inverse = entry.ToChangeSet().Inverse();
            console.Out.Write(inverse.Render());
            if (dryRun)
            {
                console.Out.WriteLine("what-if: nothing was changed");
                return ExitCodes.Ok;
            }
            try
            {
                var recorded = ChangeRunner.Apply(inverse, journal, sys, soft, parse.GetValue(output), live, entry.Id, ChangeRunner.Parts(sys, soft, live), parse.GetValue(force),
                    forceCorrupt: parse.GetValue(force), new Registry.OutputOptions { ReplaceExisting = parse.GetValue(force) });
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

    private static JournalEntry? Find(ChangeJournal journal, string? wanted) =>
        wanted is null ? journal.LastUndoable() : journal.Find(wanted);

    private static List<string> HiveFiles(JournalEntry entry, FileInfo? system, FileInfo? software)
    {
        var (sys, soft, _) = Inputs(entry, system, software);
        return ChangeRunner.HiveFiles(sys, soft);
    }

    private static (FileInfo? System, FileInfo? Software, bool Live) Inputs(JournalEntry entry, FileInfo? system, FileInfo? software)
    {
        var parts = entry.Parts ?? new Dictionary<string, string>();
        bool live = parts.Values.Any(p => p == "live");
        var sys = system ?? (parts.TryGetValue("SYSTEM", out var s) && s != "live" ? new FileInfo(s) : null);
        var soft = software ?? (parts.TryGetValue("SOFTWARE", out var w) && w != "live" ? new FileInfo(w) : null);
        return (sys, soft, live);
    }
}

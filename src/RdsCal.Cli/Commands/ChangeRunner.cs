using System.CommandLine;
using System.Globalization;
using RdsCal.Cli.Output;
using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Plans;
using RdsCal.Licensing.Snapshot;
using RdsCal.Licensing.Sources;
using RdsCal.Registry.Changes;

namespace RdsCal.Cli.Commands;

/// <summary>
/// The options every changing command takes, and how the library's <see cref="ChangeRun"/> is driven and printed:
/// settled runs and journal warnings, the plan (and with --what-if nothing more, locking nothing), then the
/// recorded change and, live, whether the running service took it.
/// </summary>
internal static class ChangeRunner
{
    public static Option<bool> WhatIf() => new("--what-if") { Description = "Print the plan and change nothing." };

    public static Option<FileInfo?> Journal() => new("--journal") { HelpName = "FILE", Description = $"The journal to record the change in (default {ChangeJournal.DefaultPath}); backups go to a 'backups' folder beside it." };

    public static Option<FileInfo?> ChangeScript() => new("--out") { HelpName = "FILE", Description = "For .reg inputs: where to write the .reg file that carries the change (default beside the input). An existing file is replaced only with --force, an input never." };

    public static Option<bool> Force() => new("--force") { Description = "Replace an existing --out file, and write even to a hive that 'rdscal verify' finds errors in." };

    /// <summary>The options every changing command takes.</summary>
    public sealed record Options(Option<FileInfo?> System, Option<FileInfo?> Software, Option<bool> WhatIf, Option<FileInfo?> Journal, Option<FileInfo?> Out, Option<bool> Force)
    {
        public static Options Create() => new(MachineOptions.System(), MachineOptions.Software(), ChangeRunner.WhatIf(), ChangeRunner.Journal(), ChangeScript(), ChangeRunner.Force());

        public void AddTo(Command command)
        {
            command.Options.Add(System);
            command.Options.Add(Software);
            command.Options.Add(WhatIf);
            command.Options.Add(Journal);
            command.Options.Add(Out);
            if (!command.Options.Contains(Force))
            {
                command.Options.Add(Force);
            }
        }

        public MachineLocation Machine(ParseResult parse) => new(parse.GetValue(System)?.FullName, parse.GetValue(Software)?.FullName);

        // inputs: files the command reads besides --system/--software (never written, e.g. restore's backup).
        public ChangeRunOptions RunOptions(ParseResult parse, IReadOnlyList<string>? inputs = null) => new ChangeRunOptions
        {
            JournalPath = JournalPath(parse.GetValue(Journal)),
            ChangeScriptPath = parse.GetValue(Out)?.FullName,
            ReplaceChangeScript = parse.GetValue(Force),
            WriteToCorruptHive = parse.GetValue(Force),
            ReadOnlyInputs = inputs ?? [],
        }.WithEnvironment();
    }

    /// <summary>A <c>NOUN reset</c> command pair (grace, client, cert): the reset verb takes the change options and any extras.</summary>
    public static Command ResetVerb(CliConsole console, string noun, string nounDescription, string resetDescription,
        Func<ParseResult, Func<MachineRegistry, LicensingSnapshot, LicensingPlan>> planner, params Option[] extra)
    {
        var options = Options.Create();
        // A verb with its own --force (client reset: even on a session host) shares it with the corrupt-hive override.
        if (extra.OfType<Option<bool>>().FirstOrDefault(o => o.Name == "--force") is { } ownForce)
        {
            options = options with { Force = ownForce };
        }
        var reset = new Command("reset", resetDescription);
        foreach (var option in extra)
        {
            reset.Options.Add(option);
        }
        options.AddTo(reset);
        reset.SetAction(parse => Run(console, parse, options, planner(parse)));
        return new Command(noun, nounDescription) { reset };
    }

    public static int Run(CliConsole console, ParseResult parse, Options options, Func<MachineRegistry, LicensingSnapshot, LicensingPlan> planner, IReadOnlyList<string>? inputs = null)
    {
        var result = ChangeRun.Execute(options.Machine(parse), options.RunOptions(parse, inputs), planner, new Reporter(console), parse.GetValue(options.WhatIf));
        switch (result.End)
        {
            case ChangeRunEnd.NothingToDo:
                console.Out.WriteLine("nothing to change: the registry already holds what was asked");
                break;
            case ChangeRunEnd.Previewed:
                console.Out.WriteLine("what-if: nothing was changed");
                break;
            case ChangeRunEnd.Applied:
                Report(console, result.Recorded!, result.Journal);
                if (result.ServiceUpdate is { } update)
                {
                    PrintServiceUpdate(console, update);
                }
                break;
        }
        return ExitCodes.Ok;
    }

    /// <summary>The library's steps as the command line shows them, as they happen.</summary>
    private sealed class Reporter(CliConsole console) : IChangeRunReporter
    {
        public bool ConfirmsBeforeLocking => false;

        public void Started(IReadOnlyList<string> journalWarnings, IReadOnlyList<string> settled) => PrintSettled(console, journalWarnings, settled);

        public void Planned(LicensingPlan plan)
        {
            foreach (var w in plan.WarningTexts)
            {
                console.Out.WriteLine($"note: {w.Word(CommandLineWording.Instance)}");
            }
            if (plan.LegacyShapesNote is { } legacy)
            {
                console.Out.WriteLine($"note: {legacy}; add --remove-legacy to remove them (backed up and undoable).");
            }
            if (plan.Refusal is null && !plan.NothingToDo)
            {
                console.Out.Write(plan.Changes!.Render());
            }
        }

        public bool Confirm(LicensingPlan plan) => true;
    }

    public static void PrintSettled(CliConsole console, IReadOnlyList<string> journalWarnings, IReadOnlyList<string> settled)
    {
        foreach (string w in journalWarnings)
        {
            console.Warn(w);
        }
        foreach (string note in settled)
        {
            console.Out.WriteLine($"note: {note}");
        }
    }

    /// <summary>Only a method that ran and returned 0 is reported as taken.</summary>
    public static void PrintServiceUpdate(CliConsole console, ServiceUpdate update) =>
        console.Out.WriteLine(update.Taken
            ? $"the running service took the change: WMI {ServiceUpdate.ClassName}.{update.Method} returned 0"
            : $"note: the registry changed but the running service did not take it: {update.Reason}; the change takes effect after a TermService restart or a reboot of this session host");

    public static string JournalPath(FileInfo? journal) => journal?.FullName ?? ChangeJournal.DefaultPath;

    public static void Report(CliConsole console, RecordedChange recorded, ChangeJournal journal)
    {
        console.ChangeApplied = true;
        foreach (string note in recorded.Notes)
        {
            console.Out.WriteLine(note);
        }
        PrintRecorded(console, recorded, journal);
        console.Out.WriteLine($"did it work? after the next TermService start: rdscal events --since-change {recorded.Id}{(journal.Path == ChangeJournal.DefaultPath ? string.Empty : $" --journal {journal.Path}")} SYSTEM.evtx|LOG-FOLDER");
    }

    /// <summary>Where a change is recorded and how to undo it, as every changing command says it.</summary>
    public static void PrintRecorded(CliConsole console, RecordedChange recorded, ChangeJournal journal)
    {
        console.ChangeApplied = true;
        console.Out.WriteLine($"change {recorded.Id} recorded in {journal.Path}");
        console.Out.WriteLine($"backup of the keys it touched: {recorded.BackupPath}");
        console.Out.WriteLine($"undo with: rdscal undo {recorded.Id}{(journal.Path == ChangeJournal.DefaultPath ? string.Empty : $" --journal {journal.Path}")}");
    }
}

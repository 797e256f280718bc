using System.CommandLine;
using RdsCal.Cli.Commands;
using RdsCal.Cli.Output;
using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Live;
using RdsCal.Registry;
using RdsCal.Registry.Changes;

namespace RdsCal.Cli;

/// <summary>Entry point: builds the command tree and turns every failure into one line and an exit code.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        // Only the process host reads the fault-injection environment; in-process callers (tests) install their own.
        WriteStep.Observer = WriteStepHooks.FromEnvironment();
        var console = CliConsole.System;
        int code = Run(args, console);
        try
        {
            console.Out.Flush();
        }
        catch (StandardOutputLostException e)
        {
            return OutputLost(e, console, finished: true, code);
        }
        return code;
    }

    /// <summary>Every top-level command with the name it is called by, in the order help lists them.</summary>
    internal static readonly IReadOnlyList<(string Name, Func<CliConsole, Command> Create)> Commands =
    [
        ("status", StatusCommand.Create),
        ("explain", ExplainCommand.Create),
        ("events", EventsCommand.Create),
        ("probe", ProbeCommand.Create),
        ("server", ServerCommand.Create),
        ("fleet", FleetCommand.Create),
        ("gpo", GpoCommand.Create),
        ("check", CheckCommand.Create),
        ("set-mode", SetModeCommand.Create),
        ("set-servers", SetServersCommand.Create),
        ("grace", GraceCommand.Create),
        ("client", ClientCommand.Create),
        ("cert", CertCommand.Create),
        ("backup", BackupCommand.Create),
        ("restore", RestoreCommand.Create),
        ("undo", UndoCommand.Create),
        ("history", HistoryCommand.Create),
        ("export", ExportCommand.Create),
        ("import", ImportCommand.Create),
        ("new", NewCommand.Create),
        ("verify", VerifyCommand.Create),
        ("recover", RecoverCommand.Create),
    ];

    private const string Description = "rdscal: read, explain, diagnose and safely change Remote Desktop Services licensing settings in the Windows registry, live or offline.";

    /// <summary>
    /// HelpOption's name and aliases, written out because reading them from a HelpOption would construct one, the
    /// cost <see cref="Tree"/> avoids (a test compares the two).
    /// </summary>
    internal static readonly string[] HelpAliases = ["--help", "-h", "-?", "/h", "/?"];

    /// <summary>
    /// The command tree these arguments need. Start-up is most of a short command's time under NativeAOT
    /// (docs/benchmarks.md), so when the first argument names a command only that command is built, under a plain
    /// root: RootCommand's own --help and --version options look their descriptions up through a ResourceManager,
    /// reflection that costs more than reading both hives. The help option is added when an argument asks for
    /// help. Anything else (no arguments, root --help or --version, a directive such as completion's [suggest], a
    /// response file, a misspelt command) gets the whole tree under RootCommand, which those need.
    /// </summary>
    internal static Command Tree(string[] args, CliConsole console)
    {
        string? first = args.Length > 0 ? args[0] : null;
        var named = Commands.FirstOrDefault(c => c.Name == first);
        if (named.Create is null || args.Any(a => a.StartsWith('@')))
        {
            var whole = new RootCommand(Description);
            foreach (var (_, create) in Commands)
            {
                whole.Subcommands.Add(create(console));
            }
            return whole;
        }
        var root = new Command(RootCommand.ExecutableName, Description) { named.Create(console) };
        if (args.Any(MayAskForHelp))
        {
            root.Options.Add(new System.CommandLine.Help.HelpOption());
        }
        return root;
    }

    /// <summary>
    /// Whether an argument may be the help option as System.CommandLine reads it: an alias, an alias with a value
    /// (<c>--help=x</c>, <c>-h:x</c>), or bundled short options (<c>-h?</c>, <c>-ho</c>). A false yes only costs the
    /// help option's start-up; a false no would run the command where the whole tree shows help.
    /// </summary>
    private static bool MayAskForHelp(string arg) =>
        HelpAliases.Any(alias => arg == alias || (arg.StartsWith(alias, StringComparison.Ordinal) && arg.Length > alias.Length && arg[alias.Length] is ':' or '='))
        || (arg.Length > 1 && arg[0] == '-' && arg[1] != '-' && arg.AsSpan(1).IndexOfAny('h', '?') >= 0);

    public static int Run(string[] args, CliConsole console) => Run(args, console, Tree(args, console));

    internal static int Run(string[] args, CliConsole console, Command root)
    {
        using var afterDoubleDash = OptionLikeValues.Allow(args);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && args.Length > 0 && args[0] == "check")
        {
            // A monitoring plugin reports bad arguments as UNKNOWN (3) on stdout, never as a CRITICAL-looking 2.
            console.Out.WriteLine($"RDS LICENSING UNKNOWN - {string.Join("; ", parse.Errors.Select(e => e.Message))} (see 'rdscal check --help')");
            return 3;
        }
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine($"rdscal: {error.Message}");
            }
            console.Error.WriteLine("rdscal: see 'rdscal --help'");
            return ExitCodes.Usage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return Report(e, console);
        }
    }

    /// <summary>One line on stderr naming the file and what is wrong; never a stack trace.</summary>
    internal static int Report(Exception e, CliConsole console)
    {
        if (e is StandardOutputLostException lost)
        {
            return OutputLost(lost, console, finished: false, ExitCodes.Ok);
        }
        (int code, string text) = e switch
        {
            UsageException u => (ExitCodes.Usage, u.Message),
            LiveRegistryUnavailableException => (ExitCodes.Usage, "give --system FILE and/or --software FILE: reading the live registry needs Windows (try 'rdscal status --system samples/unconfigured/SYSTEM.reg --software samples/unconfigured/SOFTWARE.reg')"),
            // Naming an entry that is not there is a usage error, as it was before the refusal was typed.
            ChangeRefusedException { Refusal.Reason: ChangeRefusalReason.NothingToUndo or ChangeRefusalReason.EntryNotFound } r => (ExitCodes.Usage, RefusalText.Of(r.Refusal)),
            ChangeRefusedException r => (ExitCodes.Refused, RefusalText.Of(r.Refusal)),
            RegImportException i => (i.Problem == RegImportProblem.KeyOutsidePrefix ? ExitCodes.Usage : ExitCodes.Refused, $"{i.Message}{(i.Problem == RegImportProblem.KeyOutsidePrefix ? " (use --prefix)" : string.Empty)}"),
            CorruptTargetException c => (ExitCodes.CorruptInput, $"{c.SourcePath}: 'rdscal verify' finds {c.Problems.Count} problem(s) in this hive (first: {(c.Problems.Count > 0 ? c.Problems[0] : "none")}); refusing to write to it: nothing was changed (--force writes anyway)"),
            UnrecognizedInputException { Found: RegistryInputKind.PolicyFile } p => (ExitCodes.CorruptInput, $"{p.SourcePath}: {p.Reason} (give it with --gpo)"),
            OutputRefusedException o => (ExitCodes.Refused, o.Reason == OutputRefusal.Exists ? $"{o.Path}: the file exists; give --force to replace it" : o.Message),
            RegistryFormatException f => (ExitCodes.CorruptInput, f.SourcePath is null ? f.Reason : $"{f.SourcePath}: {f.Reason}"),
            RdsCal.EventLog.EvtxFormatException ev => (ExitCodes.CorruptInput, ev.Message),
            RdsCal.Licensing.Live.EventLogUnavailableException un => (ExitCodes.InputMissing, $"{un.Message} (give .evtx files or folders of them to read logs offline)"),
            FileNotFoundException nf => (ExitCodes.InputMissing, $"{nf.FileName ?? "file"}: no such file"),
            DirectoryNotFoundException d => (ExitCodes.InputMissing, d.Message),
            RdsCal.Registry.Live.ElevationRequiredException el => (ExitCodes.AccessDenied, $"{el.Message}: run rdscal from an elevated prompt (Run as administrator)"),
            UnauthorizedAccessException a => (ExitCodes.AccessDenied, a.Message),
            TargetLockedException l => (ExitCodes.Refused, l.Message),
            PendingChangeException p => (ExitCodes.Refused, p.Message),
            WriteFailedException w => (ExitCodes.WriteFailed, w.Message),
            IOException io when IsWriteFailure(io) => (ExitCodes.WriteFailed, io.Message),
            IOException io => (ExitCodes.InputMissing, io.Message),
            OperationRefusedException r => (ExitCodes.Refused, r.Message),
            ChangeConflictException c => (ExitCodes.Refused, c.Message),
            InvalidDataException bad => (ExitCodes.CorruptInput, bad.Message),
            NotSupportedException ns => (ExitCodes.Refused, ns.Message),
            KeyNotFoundException kn => (ExitCodes.Usage, kn.Message),
            _ => (ExitCodes.Unexpected, $"unexpected error: {e.GetType().Name}: {e.Message}"),
        };
        console.Error.WriteLine($"rdscal: error: {text}");
        return code;
    }

    /// <summary>
    /// Standard output failed. A reader that closed the pipe early ends rdscal quietly, as SIGPIPE ends a POSIX
    /// tool, unless a change was made: that is never hidden. Otherwise one line says the output is incomplete and
    /// whether the command had finished; a finished command (or a change made) gets its own exit code, since 8
    /// says nothing was changed.
    /// </summary>
    private static int OutputLost(StandardOutputLostException e, CliConsole console, bool finished, int code)
    {
        if (e.ReaderClosed && !console.ChangeApplied)
        {
            return ExitCodes.ReaderClosed;
        }
        bool done = finished || console.ChangeApplied;
        console.Error.WriteLine(done
            ? $"rdscal: error: standard output: {e.Message}: the output is incomplete; the command itself had finished ('rdscal history' lists any change it made)"
            : $"rdscal: error: standard output: {e.Message}: the output is incomplete; the command stopped there and changed nothing");
        return !done ? ExitCodes.WriteFailed : code == ExitCodes.Ok ? ExitCodes.OutputLost : code;
    }

    /// <summary>
    /// An I/O error that only writing causes: no space (ENOSPC, EDQUOT; Windows' disk-full codes) or a read-only
    /// file system (EROFS). On Unix .NET puts the errno in HResult. (EIO can come from reading too, so the
    /// writers that can tell wrap it in <see cref="WriteFailedException"/> themselves.)
    /// </summary>
    private static bool IsWriteFailure(IOException e) =>
        OperatingSystem.IsWindows()
            ? e.HResult is unchecked((int)0x80070070) or unchecked((int)0x80070027)
            : e.HResult is 28 or 122 or 30;
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RdsCal.Licensing;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Plans;
using RdsCal.Licensing.Snapshot;
using RdsCal.Licensing.Sources;
using RdsCal.Registry.Changes;
using RdsCal.Registry.Live;

namespace RdsCal.Cli.Commands;

/// <summary>
/// How every changing command runs: lock the journal and the files, settle what a killed run left, read the
/// machine, plan, show the plan (and stop there with --what-if, which locks nothing), then apply through the
/// recorder: preconditions, .reg backup, journal entry, change. The locks are held until the command ends.
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
        reset.SetAction(parse => Run(console, parse, options, $"{noun} reset", planner(parse)));
        return new Command(noun, nounDescription) { reset };
    }

    // inputs: files the command reads besides --system/--software (never written, e.g. restore's backup).
    public static int Run(CliConsole console, ParseResult parse, Options options, string verb, Func<MachineRegistry, LicensingSnapshot, LicensingPlan> planner, IReadOnlyList<string>? inputs = null)
    {
        var system = parse.GetValue(options.System);
        var software = parse.GetValue(options.Software);
        bool whatIf = parse.GetValue(options.WhatIf);
        var journal = new ChangeJournal(parse.GetValue(options.Journal)?.FullName ?? ChangeJournal.DefaultPath);
        if (!whatIf)
        {
            // Before the lock, which lives beside the journal: an unwritable journal folder is refused in words.
            RequireWritableJournal(journal);
        }
        // Locked before the machine is read, so that the plan and its preconditions cannot go stale before the write.
        using var session = whatIf ? null : Lock(console, journal, system, software);
        LicensingPlan plan;
        bool live;
        using (var machine = MachineOptions.OpenMachine(system, software, verb))
        {
            live = machine.System?.Kind == RegistrySourceKind.Live || machine.Software?.Kind == RegistrySourceKind.Live;
            plan = planner(machine, SnapshotReader.Read(machine));
        }
        foreach (string w in plan.Warnings)
        {
            console.Out.WriteLine($"note: {w}");
        }
        if (plan.Refusal is not null)
        {
            throw new OperationRefusedException(plan.Refusal);
        }
        if (plan.NothingToDo)
        {
            console.Out.WriteLine("nothing to change: the registry already holds what was asked");
            return ExitCodes.Ok;
        }
        console.Out.Write(plan.Changes!.Render());
        if (whatIf)
        {
            console.Out.WriteLine("what-if: nothing was changed");
            return ExitCodes.Ok;
        }
        var parts = Parts(system, software, live);
        var scriptOutput = new Registry.OutputOptions { ReplaceExisting = parse.GetValue(options.Force), Inputs = inputs ?? [] };
        var recorded = Apply(plan.Changes!, journal, system, software, parse.GetValue(options.Out), live, undoOf: null, parts, force: false, forceCorrupt: parse.GetValue(options.Force), scriptOutput);
        Report(console, recorded, journal);
        if (live && plan.LiveFollowUp is { } call && OperatingSystem.IsWindows())
        {
            FollowUp(console, new WmiTerminalServiceSettings(), call, journal, recorded.Id);
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Locks the journal and the hive files among the inputs (.reg inputs are never written), and prints what
    /// settling interrupted runs did.
    /// </summary>
    public static ChangeSession Lock(CliConsole console, ChangeJournal journal, FileInfo? system, FileInfo? software)
    {
        var hives = HiveFiles(system, software);
        var session = ChangeSession.Open(journal, LockWait());
        try
        {
            Print(console, session, session.Lock(hives));
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The hive files among the inputs: the files a change writes (.reg inputs are never written).</summary>
    public static List<string> HiveFiles(FileInfo? system, FileInfo? software)
    {
        var hives = new List<string>();
        foreach (var f in new[] { system, software }.OfType<FileInfo>())
        {
            if (!f.Exists)
            {
                throw new FileNotFoundException($"{f.FullName}: no such file", f.FullName);
            }
            if (Registry.RegistryInput.Detect(f.FullName) == Registry.RegistryInputKind.Hive)
            {
                hives.Add(f.FullName);
            }
        }
        return hives;
    }

    public static void Print(CliConsole console, ChangeSession session, IReadOnlyList<string> notes)
    {
        foreach (string w in session.JournalWarnings)
        {
            console.Warn(w);
        }
        foreach (string note in notes)
        {
            console.Out.WriteLine($"note: {note}");
        }
    }

    /// <summary>How long to wait for another writer: RDSCAL_LOCK_WAIT seconds, else the library default.</summary>
    public static TimeSpan LockWait() =>
        double.TryParse(Environment.GetEnvironmentVariable("RDSCAL_LOCK_WAIT"), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : TargetLock.DefaultWait;

    /// <summary>
    /// Asks the running service to take a live change now, says what happened, and records it in the journal
    /// entry. Only a method that ran and returned 0 is reported as taken.
    /// </summary>
    public static ServiceUpdate FollowUp(CliConsole console, ITerminalServiceSettings service, WmiCall call, ChangeJournal journal, string entryId)
    {
        var update = service.Invoke(call);
        console.Out.WriteLine(update.Taken
            ? $"the running service took the change: WMI {ServiceUpdate.ClassName}.{call.Method} returned 0"
            : $"note: the registry changed but the running service did not take it: {update.Reason}; the change takes effect after a TermService restart or a reboot of this session host");
        journal.RecordServiceUpdate(entryId, new JournalServiceUpdate(update.Method, update.Taken, JsonNamingPolicy.CamelCase.ConvertName(update.Status.ToString()), update.ReturnValue, update.Reason));
        return update;
    }

    // scriptOutput: whether an existing --out file may be replaced, and further inputs it must never be
    // (--system/--software never are).
    public static RecordedChange Apply(ChangeSet changes, ChangeJournal journal, FileInfo? system, FileInfo? software, FileInfo? script, bool live, string? undoOf, IReadOnlyDictionary<string, string> parts, bool force, bool forceCorrupt, Registry.OutputOptions? scriptOutput = null)
    {
        IRegistryStore store;
        if (live)
        {
            store = OperatingSystem.IsWindows()
                ? new LiveStore(new ProcessPrivileges(), [$@"SYSTEM\CurrentControlSet\{LicensingPaths.GracePeriod}"])
                : throw new UsageException("changing the live registry needs Windows");
        }
        else
        {
            string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
            string dir = (system ?? software)!.DirectoryName ?? ".";
            store = MachineTarget.Open(system?.FullName, software?.FullName, script?.FullName ?? Registry.UniqueFileName.For(Path.Combine(dir, $"rdscal-change-{stamp}.reg")), force: forceCorrupt, scriptOutput: scriptOutput);
        }
        try
        {
            RequireWritableJournal(journal);
            return ChangeRecorder.Apply(changes, store, journal, "HKEY_LOCAL_MACHINE", force, undoOf, parts);
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// Refuses before anything is read or written when the journal or its backups folder cannot be written: the
    /// backup and the journal entry come before the change, and a live change without them could not be undone.
    /// </summary>
    public static void RequireWritableJournal(ChangeJournal journal)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(journal.Path)) ?? ".";
        foreach (string dir in new[] { folder, journal.BackupFolder })
        {
            try
            {
                Directory.CreateDirectory(dir);
                using var probe = new FileStream(Path.Combine(dir, $".rdscal-write-check-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OperationRefusedException($"{dir}: the journal folder is not writable ({e.Message}); nothing was changed; give --journal FILE in a folder you can write");
            }
        }
    }

    public static Dictionary<string, string> Parts(FileInfo? system, FileInfo? software, bool live)
    {
        var parts = new Dictionary<string, string>();
        if (live)
        {
            parts["SYSTEM"] = "live";
            parts["SOFTWARE"] = "live";
            return parts;
        }
        if (system is not null)
        {
            parts["SYSTEM"] = system.FullName;
        }
        if (software is not null)
        {
            parts["SOFTWARE"] = software.FullName;
        }
        return parts;
    }

    public static void Report(CliConsole console, RecordedChange recorded, ChangeJournal journal)
    {
        foreach (string note in recorded.Notes)
        {
            console.Out.WriteLine(note);
        }
        console.Out.WriteLine($"change {recorded.Id} recorded in {journal.Path}");
        console.Out.WriteLine($"backup of the keys it touched: {recorded.BackupPath}");
        console.Out.WriteLine($"undo with: rdscal undo {recorded.Id}{(journal.Path == ChangeJournal.DefaultPath ? string.Empty : $" --journal {journal.Path}")}");
    }
}

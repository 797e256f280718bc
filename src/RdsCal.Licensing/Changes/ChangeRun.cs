using System.Globalization;
using System.Text.Json;
using RdsCal.Licensing.GroupPolicy;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Plans;
using RdsCal.Licensing.Snapshot;
using RdsCal.Licensing.Sources;
using RdsCal.Registry;
using RdsCal.Registry.Changes;
using RdsCal.Registry.Changes.Stores;
using RdsCal.Registry.Live;

namespace RdsCal.Licensing.Changes;

/// <summary>
/// One change of a machine, the way every front end makes it: <see cref="Execute"/> runs the whole sequence and returns
/// its typed outcome; its steps are public for callers that need them apart. <see cref="Begin"/> checks the journal is writable,
/// locks it and the hive files, and settles what a killed run left; <see cref="Plan"/> reads the machine and plans;
/// <see cref="Apply"/> writes through the recorder (preconditions, .reg backup, journal entry, change);
/// <see cref="UpdateRunningService(LicensingPlan, RecordedChange, LiveQueries)"/> asks a live host's service to take it. The locks are held until disposal,
/// so the plan cannot go stale before the write. A <see cref="Preview"/> locks nothing and cannot apply.
/// </summary>
public sealed class ChangeRun : IDisposable
{
    private readonly ChangeSession? _session;

    private ChangeRun(MachineLocation machine, ChangeRunOptions options, ChangeSession? session, IReadOnlyList<string> settled)
    {
        Machine = machine;
        Options = options;
        Journal = session?.Journal ?? new ChangeJournal(options.JournalPath);
        _session = session;
        SettledNotes = settled;
    }

    /// <summary>The machine changed.</summary>
    public MachineLocation Machine { get; }

    /// <summary>How the change is recorded and written.</summary>
    public ChangeRunOptions Options { get; }

    /// <summary>The journal the change is recorded in.</summary>
    public ChangeJournal Journal { get; }

    /// <summary>True for a preview: nothing is locked and nothing can be applied.</summary>
    public bool IsPreview => _session is null;

    /// <summary>Journal lines that could not be read (they are skipped; the valid entries are kept).</summary>
    public IReadOnlyList<string> JournalWarnings => _session?.JournalWarnings ?? [];

    /// <summary>What settling interrupted runs on these files did (completed or rolled back, temporary files removed).</summary>
    public IReadOnlyList<string> SettledNotes { get; }

    /// <summary>Starts a change: checks the journal folder is writable, then locks the journal and the hive files.</summary>
    /// <exception cref="ChangeRefusedException">The journal folder is not writable.</exception>
    /// <exception cref="TargetLockedException">Another writer holds the journal or a file past <see cref="ChangeRunOptions.LockWait"/>.</exception>
    public static ChangeRun Begin(MachineLocation machine, ChangeRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(options);
        var journal = new ChangeJournal(options.JournalPath);
        // Before the lock, which lives beside the journal: an unwritable journal folder is refused in words.
        RequireWritableJournal(journal);
        var targets = machine.LockTargets(options.LiveLockPath);
        var session = ChangeSession.Open(journal, options.LockWait);
        try
        {
            return new ChangeRun(machine, options, session, session.Lock(targets));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>A run that plans and shows, locking and changing nothing.</summary>
    public static ChangeRun Preview(MachineLocation machine, ChangeRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(options);
        return new ChangeRun(machine, options, null, []);
    }

    internal static ChangeRun Adopt(MachineLocation machine, ChangeRunOptions options, ChangeSession? session, IReadOnlyList<string> settled) =>
        new(machine, options, session, settled);

    /// <summary>
    /// The whole change as every front end makes it: lock (or, for a what-if, not), settle, plan, refuse or apply, and
    /// live ask the running service to take it. The reporter hears each step as it happens; the result says how it
    /// ended. With <see cref="IChangeRunReporter.ConfirmsBeforeLocking"/> the plan is confirmed before anything is
    /// locked, then made again under the locks.
    /// </summary>
    /// <exception cref="ChangeRefusedException">The plan is a refusal, or the journal is not writable.</exception>
    /// <exception cref="TargetLockedException">Another writer holds the journal or a file.</exception>
    /// <exception cref="ChangeConflictException">The registry changed between plan and write; nothing was touched.</exception>
    /// <exception cref="WriteFailedException">Writing failed; the message says what the targets hold.</exception>
    public static ChangeRunResult Execute(MachineLocation machine, ChangeRunOptions options, Func<MachineRegistry, LicensingSnapshot, LicensingPlan> planner, IChangeRunReporter reporter, bool whatIf = false)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(reporter);
        bool confirmed = false;
        if (reporter.ConfirmsBeforeLocking)
        {
            using var look = Preview(machine, options);
            var preview = look.Plan(planner);
            reporter.Planned(preview);
            if (Settled(preview, look) is { } early)
            {
                return early;
            }
            if (!reporter.Confirm(preview))
            {
                return new ChangeRunResult(ChangeRunEnd.Declined, preview, look.Journal, null, null);
            }
            confirmed = true;
        }
        using var run = whatIf ? Preview(machine, options) : Begin(machine, options);
        reporter.Started(run.JournalWarnings, run.SettledNotes);
        var plan = run.Plan(planner);
        if (!confirmed)
        {
            reporter.Planned(plan);
        }
        if (Settled(plan, run) is { } done)
        {
            return done;
        }
        if (run.IsPreview)
        {
            return new ChangeRunResult(ChangeRunEnd.Previewed, plan, run.Journal, null, null);
        }
        var recorded = run.Apply(plan);
        return new ChangeRunResult(ChangeRunEnd.Applied, plan, run.Journal, recorded, run.UpdateRunningService(plan, recorded, options.Live ?? LiveQueries.ThisMachine()));
    }

    // A refusal throws; nothing to do ends the run; otherwise null, and the change goes on.
    private static ChangeRunResult? Settled(LicensingPlan plan, ChangeRun run)
    {
        if (plan.Refusal is { } refusal)
        {
            throw new ChangeRefusedException(refusal);
        }
        return plan.NothingToDo ? new ChangeRunResult(ChangeRunEnd.NothingToDo, plan, run.Journal, null, null) : null;
    }

    /// <summary>Reads the machine and plans the change.</summary>
    public LicensingPlan Plan(Func<MachineRegistry, LicensingSnapshot, LicensingPlan> planner)
    {
        ArgumentNullException.ThrowIfNull(planner);
        using var registry = Machine.Open();
        return planner(registry, SnapshotReader.Read(registry));
    }

    /// <summary>Applies a plan and records it.</summary>
    /// <exception cref="ChangeRefusedException">The plan is a refusal.</exception>
    /// <exception cref="InvalidOperationException">This run is a preview.</exception>
    /// <exception cref="ChangeConflictException">The registry no longer matches the plan's preconditions; nothing was touched.</exception>
    /// <exception cref="WriteFailedException">Writing failed; the message says what the targets hold.</exception>
    public RecordedChange Apply(LicensingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Refusal is { } refusal)
        {
            throw new ChangeRefusedException(refusal);
        }
        return Record(plan.Changes ?? new ChangeSet(string.Empty, []), undoOf: null, ignoreDrift: false);
    }

    /// <summary>
    /// On a live host, asks the running service to take the change now (WMI), and records the outcome in the
    /// journal entry; null when there is nothing to ask (offline, or no live follow-up). Only a method that ran
    /// and returned 0 counts as taken.
    /// </summary>
    public ServiceUpdate? UpdateRunningService(LicensingPlan plan, RecordedChange recorded, LiveQueries live)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(live);
        return UpdateRunningService(plan.LiveFollowUp ?? LiveFollowUps.For(plan.Changes), recorded, live);
    }

    internal ServiceUpdate? UpdateRunningService(WmiCall? followUp, RecordedChange recorded, LiveQueries live)
    {
        if (!Machine.IsLive || followUp is null)
        {
            return null;
        }
        var update = live.TerminalServiceSetting.Invoke(followUp);
        Journal.RecordServiceUpdate(recorded.Id, new JournalServiceUpdate(update.Method, update.Taken, JsonNamingPolicy.CamelCase.ConvertName(update.Status.ToString()), update.ReturnValue, update.Reason));
        return update;
    }

    internal RecordedChange Record(ChangeSet changes, string? undoOf, bool ignoreDrift)
    {
        if (IsPreview)
        {
            throw new InvalidOperationException("a preview changes nothing");
        }
        var store = OpenStore();
        try
        {
            RequireWritableJournal(Journal);
            return ChangeRecorder.Apply(changes, store, Journal, Machine.RegRoot, ignoreDrift, undoOf, Machine.ToJournalParts());
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    private IRegistryStore OpenStore()
    {
        if (Machine.HivePath is { } hive)
        {
            return new HiveStore(hive, force: Options.WriteToCorruptHive);
        }
        if (Machine.GpoFolder is { } folder)
        {
            return LicensingGpo.OpenStore(folder);
        }
        if (Machine.IsLive)
        {
            return OperatingSystem.IsWindows()
                ? new LiveStore(new ProcessPrivileges(), [$@"SYSTEM\CurrentControlSet\{LicensingPaths.GracePeriod}"])
                : throw new LiveRegistryUnavailableException();
        }
        string script = Options.ChangeScriptPath ?? UniqueFileName.For(Path.Combine(
            Path.GetDirectoryName(Path.GetFullPath((Machine.SystemPath ?? Machine.SoftwarePath)!)) ?? ".",
            $"rdscal-change-{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}.reg"));
        return MachineTarget.Open(Machine.SystemPath, Machine.SoftwarePath, script, force: Options.WriteToCorruptHive,
            scriptOutput: new OutputOptions { ReplaceExisting = Options.ReplaceChangeScript, Inputs = Options.ReadOnlyInputs });
    }

    /// <summary>
    /// Refuses before anything is read or written when the journal or its backups folder cannot be written: the
    /// backup and the journal entry come before the change, and a change without them could not be undone.
    /// </summary>
    private static void RequireWritableJournal(ChangeJournal journal)
    {
        // Before the probe creates a backups folder beside it: --journal /dev/null would put one in /dev.
        RegistryInput.EnsureFileTarget(journal.Path);
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
                throw new ChangeRefusedException(new ChangeRefusal(ChangeRefusalReason.JournalNotWritable,
                    $"{dir}: the journal folder is not writable ({e.Message}); nothing was changed", dir));
            }
        }
    }

    /// <summary>Releases the locks.</summary>
    public void Dispose() => _session?.Dispose();
}

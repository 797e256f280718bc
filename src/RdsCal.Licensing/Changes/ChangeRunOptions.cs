using RdsCal.Licensing.Live;
using RdsCal.Registry.Changes;

namespace RdsCal.Licensing.Changes;

/// <summary>How a change is recorded and written.</summary>
public sealed record ChangeRunOptions
{
    /// <summary>The journal to record the change in; backups go to a <c>backups</c> folder beside it.</summary>
    public string JournalPath { get; init; } = ChangeJournal.DefaultPath;

    /// <summary>
    /// For .reg inputs (never written): the .reg file that carries the change, to import on that machine. Default:
    /// a new <c>rdscal-change-TIMESTAMP.reg</c> beside the first input.
    /// </summary>
    public string? ChangeScriptPath { get; init; }

    /// <summary>Whether an existing <see cref="ChangeScriptPath"/> may be replaced (an input never is).</summary>
    public bool ReplaceChangeScript { get; init; }

    /// <summary>Write even to a hive that verification finds problems in.</summary>
    public bool WriteToCorruptHive { get; init; }

    /// <summary>Files the change reads besides the machine's (say, restore's backup): never replaced by the change script.</summary>
    public IReadOnlyList<string> ReadOnlyInputs { get; init; } = [];

    /// <summary>
    /// The machine-wide lock file of live changes; null: <c>%ProgramData%\rdscal\live-registry</c>. Only a test that
    /// stands in for a writer outside rdscal's locks gives another.
    /// </summary>
    public string? LiveLockPath { get; init; }

    /// <summary>How long to wait for another writer's locks before refusing.</summary>
    public TimeSpan LockWait { get; init; } = TargetLock.DefaultWait;

    /// <summary>What a live change asks the running machine (null: this machine, <see cref="LiveQueries.ThisMachine()"/>).</summary>
    public LiveQueries? Live { get; init; }

    /// <summary>
    /// These options with the operator's environment applied, the same for every front end: <c>RDSCAL_LOCK_WAIT</c>
    /// (seconds to wait for another writer) and <c>RDSCAL_LIVE_LOCK</c> (the machine-wide live lock file).
    /// </summary>
    public ChangeRunOptions WithEnvironment() => this with
    {
        LockWait = double.TryParse(Environment.GetEnvironmentVariable("RDSCAL_LOCK_WAIT"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : LockWait,
        LiveLockPath = Environment.GetEnvironmentVariable("RDSCAL_LIVE_LOCK") is { Length: > 0 } live ? live : LiveLockPath,
    };
}

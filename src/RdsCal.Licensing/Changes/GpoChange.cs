using RdsCal.Licensing.GroupPolicy;
using RdsCal.Registry.Changes;

namespace RdsCal.Licensing.Changes;

/// <summary>The typed outcome of a <c>gpo set</c>, for a front end to word.</summary>
/// <param name="End">How it ended (never <see cref="ChangeRunEnd.Declined"/>).</param>
/// <param name="Plan">The difference planned.</param>
/// <param name="Journal">The journal the change is recorded in.</param>
/// <param name="Recorded">The recorded change when applied, else null.</param>
/// <param name="Backups">The originals kept beside gpt.ini and Registry.pol (files that existed before).</param>
/// <param name="JournalWarnings">Journal lines that could not be read.</param>
/// <param name="SettledNotes">What settling interrupted runs on the two files did.</param>
public sealed record GpoChangeResult(ChangeRunEnd End, GpoPlan Plan, ChangeJournal Journal, RecordedChange? Recorded, IReadOnlyList<string> Backups,
    IReadOnlyList<string> JournalWarnings, IReadOnlyList<string> SettledNotes);

/// <summary>
/// <c>gpo set</c>: licensing policy written into a Group Policy template folder through the same path as a two-hive
/// change: the journal, gpt.ini and Machine\Registry.pol locked from read to write (interrupted runs on them settled
/// first), a precondition per value checked just before the write, a .reg backup of the policy key, a pending journal
/// entry, both files staged and renamed into place all or nothing, and an undo that is itself a new change, putting
/// the old values back with a higher gpt.ini version.
/// </summary>
public static class GpoChange
{
    /// <summary>Plans and, unless <paramref name="whatIf"/>, writes and records the change.</summary>
    /// <exception cref="ArgumentException">A server name is invalid, the mode is not Per User or Per Device, or nothing is asked.</exception>
    /// <exception cref="ChangeRefusedException">The journal folder is not writable.</exception>
    /// <exception cref="TargetLockedException">Another writer holds the journal or one of the files.</exception>
    /// <exception cref="Registry.Policy.PolicyFormatException">Registry.pol or gpt.ini is malformed; nothing was written.</exception>
    /// <exception cref="UnauthorizedAccessException">gpt.ini or Registry.pol is read-only; nothing was written.</exception>
    /// <exception cref="ChangeConflictException">A file changed between plan and write; nothing was written.</exception>
    /// <exception cref="Registry.WriteFailedException">Writing failed; the message says what the files hold.</exception>
    public static GpoChangeResult Execute(string folder, GpoLicensingSettings settings, ChangeRunOptions options, bool whatIf = false)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var machine = MachineLocation.Gpo(folder);
        using var run = whatIf ? ChangeRun.Preview(machine, options) : ChangeRun.Begin(machine, options);
        var plan = LicensingGpo.Plan(folder, settings);
        if (plan.IsEmpty || whatIf)
        {
            return new GpoChangeResult(plan.IsEmpty ? ChangeRunEnd.NothingToDo : ChangeRunEnd.Previewed, plan, run.Journal, null, [], run.JournalWarnings, run.SettledNotes);
        }
        var recorded = run.Record(plan.Changes, undoOf: null, ignoreDrift: false);
        var backups = run.Journal.Find(recorded.Id)?.Staging?.Select(s => s.Backup).OfType<string>().ToList() ?? [];
        return new GpoChangeResult(ChangeRunEnd.Applied, plan, run.Journal, recorded, backups, run.JournalWarnings, run.SettledNotes);
    }
}

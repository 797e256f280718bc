using RdsCal.Licensing.Plans;

namespace RdsCal.Licensing.Changes;

/// <summary>
/// What a front end hears while <see cref="ChangeRun.Execute"/> runs, in the order it happens, so it can show each
/// step as it comes (a refusal or a failed write still follows the plan it saw). It words everything itself.
/// </summary>
public interface IChangeRunReporter
{
    /// <summary>
    /// True when the front end asks the user before anything is locked (PowerShell's ShouldProcess): the plan is made
    /// once without locks for <see cref="Confirm"/>, then again under the locks and applied if confirmed, so a
    /// prompt never holds a lock and what is written is what the registry holds at that moment.
    /// </summary>
    bool ConfirmsBeforeLocking { get; }

    /// <summary>The journal lines that could not be read, and what settling runs a killed rdscal left did.</summary>
    void Started(IReadOnlyList<string> journalWarnings, IReadOnlyList<string> settled);

    /// <summary>The plan the user sees: its warnings, the legacy shapes it keeps, and its change (called once).</summary>
    void Planned(LicensingPlan plan);

    /// <summary>Asked with the unlocked plan when <see cref="ConfirmsBeforeLocking"/>; false declines and nothing is written.</summary>
    bool Confirm(LicensingPlan plan);
}

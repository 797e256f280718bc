using RdsCal.Registry.Changes;

namespace RdsCal.Licensing.Plans;

/// <summary>
/// What a licensing intent becomes: a change set (paths under <c>SYSTEM\…</c> and <c>SOFTWARE\…</c>), the
/// warnings the admin must read, or the reason rdscal refuses.
/// </summary>
/// <param name="Changes">The change, or null when refused.</param>
/// <param name="Warnings">What to know before and after applying.</param>
/// <param name="Refusal">Why the change is refused, or null.</param>
public sealed record LicensingPlan(ChangeSet? Changes, IReadOnlyList<string> Warnings, string? Refusal)
{
    /// <summary>A refused plan.</summary>
    public static LicensingPlan Refuse(string why, params string[] warnings) => new(null, warnings, why);

    /// <summary>True when there is nothing to change.</summary>
    public bool NothingToDo => Refusal is null && (Changes?.IsEmpty ?? true);
}

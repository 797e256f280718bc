namespace RdsCal.Licensing.Rules;

/// <summary>
/// What the event log shows for a finding: one licensing event id as a machine logged it, how often, and when first
/// and last. A finding carries these beside its registry and probe evidence (<see cref="Finding.Evidence"/>).
/// </summary>
/// <param name="EventId">The event id.</param>
/// <param name="Provider">The provider that logged it.</param>
/// <param name="Channel">The log it is in.</param>
/// <param name="Level">The level's name as Event Viewer shows it (Error, Warning, …).</param>
/// <param name="Count">How many times it was logged in what was read.</param>
/// <param name="FirstSeen">When it was first logged (UTC), or null when no record has a time.</param>
/// <param name="LastSeen">When it was last logged (UTC), or null when no record has a time.</param>
/// <param name="Message">The latest record's message as Event Viewer shows it, or null where the catalogue has no text.</param>
public sealed record EventEvidence(int EventId, string? Provider, string? Channel, string Level, int Count, DateTime? FirstSeen, DateTime? LastSeen, string? Message)
{
    /// <summary>One line for a report: "event 1128 (Error, System): 3 times, 2026-11-01 08:00 to 2026-11-30 09:15 UTC".</summary>
    public override string ToString()
    {
        string when = (FirstSeen, LastSeen) switch
        {
            ({ } f, { } l) when Count > 1 => FormattableString.Invariant($", {f:yyyy-MM-dd HH:mm} to {l:yyyy-MM-dd HH:mm} UTC"),
            (_, { } l) => FormattableString.Invariant($", {l:yyyy-MM-dd HH:mm} UTC"),
            _ => string.Empty,
        };
        return FormattableString.Invariant($"event {EventId} ({Level}, {Channel ?? "unknown log"}): {Count} time{(Count == 1 ? string.Empty : "s")}{when}");
    }
}

namespace RdsCal.Licensing.Rules;

/// <summary>
/// One finding per cause, whichever sources saw it: the registry's diagnosis, what the license-server probes observed
/// and what the event log shows all name causes by rule code, so a cause two sources report becomes one finding with
/// the graver severity and the evidence of both, never two findings.
/// </summary>
internal static class FindingJoin
{
    /// <summary>
    /// The <paramref name="known"/> findings with the <paramref name="observed"/> ones joined in: an observed finding of
    /// a code already found replaces it with the graver severity, the observed statement first, and both evidences; any
    /// other is added at the end.
    /// </summary>
    public static IReadOnlyList<Finding> Join(IReadOnlyList<Finding> known, IReadOnlyList<Finding> observed)
    {
        var joined = known.ToList();
        foreach (var seen in observed)
        {
            int at = joined.FindIndex(f => f.Code == seen.Code);
            if (at < 0)
            {
                joined.Add(seen);
                continue;
            }
            var was = joined[at];
            joined[at] = seen with
            {
                Severity = (Severity)Math.Max((int)was.Severity, (int)seen.Severity),
                Message = $"{seen.Message} {was.Message}",
                Evidence = [.. seen.Evidence, .. was.Evidence.Where(e => !seen.Evidence.Contains(e, StringComparer.Ordinal))],
                Events = [.. seen.Events, .. was.Events.Where(e => !seen.Events.Contains(e))],
            };
        }
        return joined;
    }

    /// <summary>The finding with the events added to what it already shows (an event logged once per cause it points to).</summary>
    public static Finding WithEvents(Finding finding, IEnumerable<EventEvidence> events) =>
        finding with { Events = [.. finding.Events, .. events.Where(e => !finding.Events.Contains(e))] };
}

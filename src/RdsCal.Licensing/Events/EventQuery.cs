namespace RdsCal.Licensing.Events;

/// <summary>Which events a reading keeps: a time window, ids, a computer, and whether records outside the catalogue are kept too.</summary>
public sealed record EventQuery
{
    /// <summary>Only events logged at or after this time (UTC), or null.</summary>
    public DateTime? Since { get; init; }

    /// <summary>Only events logged before this time (UTC), or null.</summary>
    public DateTime? Until { get; init; }

    /// <summary>Only these event ids (empty: any).</summary>
    public IReadOnlyList<int> Ids { get; init; } = [];

    /// <summary>Only events of this computer (case-insensitive; a forwarded log holds many), or null.</summary>
    public string? Computer { get; init; }

    /// <summary>Keep every record, not only the licensing events of the catalogue.</summary>
    public bool All { get; init; }

    /// <summary>True when the event passes every filter.</summary>
    public bool Keeps(LoggedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!All && e.Known is null)
        {
            return false;
        }
        if (Since is { } since && (e.TimeCreated is not { } t1 || t1 < since))
        {
            return false;
        }
        if (Until is { } until && (e.TimeCreated is not { } t2 || t2 >= until))
        {
            return false;
        }
        if (Ids.Count > 0 && (e.EventId is not { } id || !Ids.Contains(id)))
        {
            return false;
        }
        return Computer is null || string.Equals(e.Computer, Computer, StringComparison.OrdinalIgnoreCase)
            || (e.Computer is { } c && c.StartsWith(Computer + ".", StringComparison.OrdinalIgnoreCase));
    }
}

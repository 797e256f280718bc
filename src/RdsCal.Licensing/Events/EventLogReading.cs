namespace RdsCal.Licensing.Events;

/// <summary>
/// What a status report read of the event log: the files given, or this machine's channels over a window; how many
/// licensing events; and, where nothing could be read, why (then the findings are the registry's alone, never "no
/// events").
/// </summary>
/// <param name="From"><c>files</c> for .evtx files given, <c>live</c> for this machine's channels.</param>
/// <param name="Since">The start of the window read (UTC), or null for whole files.</param>
/// <param name="Files">What each file gave (empty for live channels).</param>
/// <param name="LicensingEvents">How many licensing events were read.</param>
/// <param name="Warnings">Channels that could not be read while others could.</param>
/// <param name="Unavailable">Why the event log could not be read at all, or null when it was read.</param>
public sealed record EventLogReading(string From, DateTime? Since, IReadOnlyList<EventFileRead> Files, int LicensingEvents, IReadOnlyList<string> Warnings, string? Unavailable)
{
    /// <summary>True when events were read (possibly none were licensing events).</summary>
    public bool Read => Unavailable is null;

    /// <summary>One line for a report: what was read, or that the event log could not be read and why.</summary>
    public string Note => Unavailable is { } why
        ? $"the event log could not be read ({why}): the findings are the registry's alone"
        : From == "live"
            ? FormattableString.Invariant($"{LicensingEvents} licensing event(s) in this machine's event log since {Since:yyyy-MM-dd HH:mm} UTC")
            : FormattableString.Invariant($"{LicensingEvents} licensing event(s) in {Files.Count} file(s), {Files.Sum(f => f.Records)} record(s) read");
}

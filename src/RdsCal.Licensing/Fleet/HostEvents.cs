using System.Text.Json;
using RdsCal.Licensing.Events;

namespace RdsCal.Licensing.Fleet;

/// <summary>How often a host logged one licensing event id at one level.</summary>
/// <param name="EventId">The event id.</param>
/// <param name="Level">The level's name as Event Viewer shows it (Error, Warning, …).</param>
/// <param name="Count">How many records.</param>
public sealed record HostEventCount(int EventId, string Level, int Count)
{
    /// <summary>True for an error or critical record.</summary>
    public bool IsError => Level is "Error" or "Critical";

    /// <summary>True for a warning record.</summary>
    public bool IsWarning => Level == "Warning";
}

/// <summary>
/// The licensing events a fleet host's folder holds, counted by id and level: its <c>*.evtx</c> and <c>*.evtx.gz</c>
/// files, and the <c>events.json</c> that <c>rdscal events --json</c> writes (<see cref="CollectedEventsName"/>, as the
/// Ansible playbook fetches it). Only catalogue events count (docs/events.md), whatever else the files hold.
/// </summary>
/// <param name="ById">The counts, by event id then level.</param>
public sealed record HostEvents(IReadOnlyList<HostEventCount> ById)
{
    /// <summary>The file a collected host folder holds beside <c>status.json</c>: its <c>rdscal events --json</c> document.</summary>
    public const string CollectedEventsName = "events.json";

    // The cap the input check puts on an events.json: a month of a busy host's licensing events is far below it.
    private const long MaxJsonBytes = 256L << 20;

    /// <summary>
    /// Why the host's events could not be collected (its <c>events.json</c> is a collection placeholder, as the Ansible
    /// playbook leaves for a failed events run), or null; the counts then hold only what its .evtx files gave, and
    /// are not "none logged".
    /// </summary>
    public string? Unavailable { get; init; }

    /// <summary>Licensing events logged as errors (or critical).</summary>
    public int Errors => ById.Where(c => c.IsError).Sum(c => c.Count);

    /// <summary>Licensing events logged as warnings.</summary>
    public int Warnings => ById.Where(c => c.IsWarning).Sum(c => c.Count);

    /// <summary>
    /// The events a status report read (<see cref="StatusReport.WithEvents"/>), as its findings carry them (each id once,
    /// at its latest record's level), or null when it read no event log, so a report from <c>Get-RdsCalStatus
    /// -EventPath</c> counts in the fleet as the folder it came from would.
    /// </summary>
    public static HostEvents? From(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.EventLog is not { Read: true })
        {
            return null;
        }
        return new HostEvents([.. report.Findings
            .SelectMany(f => f.Events)
            .DistinctBy(e => (e.Provider, e.EventId))
            .GroupBy(e => (e.EventId, e.Level))
            .Select(g => new HostEventCount(g.Key.EventId, g.Key.Level, g.Sum(e => e.Count)))
            .OrderBy(c => c.EventId).ThenBy(c => c.Level, StringComparer.Ordinal)]);
    }

    /// <summary>The events of a host folder, or null when it holds no event log and no <c>events.json</c>.</summary>
    /// <exception cref="InvalidDataException"><c>events.json</c> is not an <c>events --json</c> document.</exception>
    /// <exception cref="RdsCal.EventLog.EvtxFormatException">An .evtx file is not an event log.</exception>
    public static HostEvents? Read(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var dir = new DirectoryInfo(folder);
        bool logs = dir.EnumerateFiles().Any(f => f.Name.EndsWith(".evtx", StringComparison.OrdinalIgnoreCase) || f.Name.EndsWith(".evtx.gz", StringComparison.OrdinalIgnoreCase));
        string json = Path.Combine(folder, CollectedEventsName);
        bool collected = File.Exists(json);
        if (!logs && !collected)
        {
            return null;
        }
        var seen = new List<(int Id, string Level)>();
        if (logs)
        {
            seen.AddRange(EventLogScan.Of([folder]).Read(new EventQuery()).Select(e => (e.EventId!.Value, e.LevelName)));
        }
        string? unavailable = null;
        if (collected)
        {
            unavailable = FromJson(json, seen);
        }
        return new HostEvents([.. seen
            .GroupBy(s => s)
            .Select(g => new HostEventCount(g.Key.Id, g.Key.Level, g.Count()))
            .OrderBy(c => c.EventId).ThenBy(c => c.Level, StringComparer.Ordinal)])
        { Unavailable = unavailable };
    }

    // The events --json contract (docs/events-json.md): events[] with provider, eventId and level (a number); the records
    // outside the catalogue that an --all run writes are left out, as they are everywhere else. A collection placeholder
    // ({"collectionError":{"host","reason"}}, the shape status.json placeholders have) adds nothing and gives the reason.
    private static string? FromJson(string path, List<(int Id, string Level)> found)
    {
        try
        {
            using var doc = JsonDocument.Parse(Registry.RegistryInput.ReadAllBytes(path, MaxJsonBytes, "an events.json file"));
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("collectionError", out var error))
            {
                return (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null)
                    ?? "the events could not be collected (no reason given)";
            }
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{path}: not an events JSON document (docs/events-json.md: no events array)");
            }
            foreach (var e in events.EnumerateArray())
            {
                string? provider = e.TryGetProperty("provider", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
                int? id = e.TryGetProperty("eventId", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt32(out int n) ? n : null;
                byte? level = e.TryGetProperty("level", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetByte(out byte b) ? b : null;
                var logged = new LoggedEvent(0, null, provider, null, id, null, level, null, null, [], path);
                if (logged.Known is not null)
                {
                    found.Add((id!.Value, logged.LevelName));
                }
            }
            return null;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not JSON ({e.Message})", e);
        }
    }
}

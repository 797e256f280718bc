using System.Text.Json;
using RdsCal.Licensing.Fleet;
using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Reports;

/// <summary>
/// One finding as a JSON object, the same in <c>status --json</c> and in the fleet audit: <c>code</c>,
/// <c>severity</c>, <c>message</c>, <c>remedy</c>, then (where the rule itself is at hand) <c>appliesTo</c>,
/// <c>evidence</c>, then (likewise) <c>sources</c>; when an event log was read, also <c>events</c>, the licensing
/// events logged for the cause (docs/status-json.md).
/// </summary>
internal static class FindingJson
{
    /// <summary>A finding of a status report, with the machine its remedy applies to and its sources, and with its events when <paramref name="withEvents"/>.</summary>
    public static void Write(Utf8JsonWriter w, Finding finding, bool withEvents = false)
    {
        Start(w, finding.Code, finding.Severity, finding.Message, finding.Remedy);
        w.WriteCamelCase("appliesTo", finding.AppliesTo);
        w.WriteStrings("evidence", finding.Evidence);
        if (withEvents)
        {
            WriteEvents(w, finding.Events);
        }
        w.WritePropertyName("sources");
        w.WriteStartArray();
        foreach (var source in finding.Sources)
        {
            w.WriteStartObject();
            w.WriteString("title", source.Title);
            w.WriteString("url", source.Url);
            w.WriteString("note", source.Note);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Writes <c>"findings": [ … ]</c>, each as <see cref="Write(Utf8JsonWriter, Finding, bool)"/> does.</summary>
    public static void WriteAll(Utf8JsonWriter w, IEnumerable<Finding> findings, bool withEvents = false)
    {
        w.WritePropertyName("findings");
        w.WriteStartArray();
        foreach (var finding in findings)
        {
            Write(w, finding, withEvents);
        }
        w.WriteEndArray();
    }

    /// <summary>Writes <c>"events": [ … ]</c>: each licensing event id logged for a cause, how often, first and last seen.</summary>
    public static void WriteEvents(Utf8JsonWriter w, IEnumerable<EventEvidence> events)
    {
        w.WritePropertyName("events");
        w.WriteStartArray();
        foreach (var e in events)
        {
            w.WriteStartObject();
            w.WriteNumber("eventId", e.EventId);
            w.WriteString("provider", e.Provider);
            w.WriteString("channel", e.Channel);
            w.WriteString("level", e.Level);
            w.WriteNumber("count", e.Count);
            WriteTime(w, "firstSeen", e.FirstSeen);
            WriteTime(w, "lastSeen", e.LastSeen);
            w.WriteString("message", e.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>A UTC time as ISO 8601 with a Z, as the events JSON writes it, or null.</summary>
    public static void WriteTime(Utf8JsonWriter w, string name, DateTime? time)
    {
        if (time is { } t)
        {
            w.WriteString(name, DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>A finding as the fleet audit keeps it (read back from status JSON files too, so no rule details).</summary>
    public static void Write(Utf8JsonWriter w, HostFinding finding)
    {
        Start(w, finding.Code, finding.Severity, finding.Message, finding.Remedy);
        w.WriteStrings("evidence", finding.Evidence);
        w.WriteEndObject();
    }

    private static void Start(Utf8JsonWriter w, string code, Severity severity, string message, string remedy)
    {
        w.WriteStartObject();
        w.WriteString("code", code);
        w.WriteString("severity", SeverityNames.Of(severity));
        w.WriteString("message", message);
        w.WriteString("remedy", remedy);
    }
}

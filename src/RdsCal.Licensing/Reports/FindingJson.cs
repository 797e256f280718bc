using System.Text.Json;
using RdsCal.Licensing.Fleet;
using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Reports;

/// <summary>
/// One finding as a JSON object, the same in <c>status --json</c> and in the fleet audit: <c>code</c>,
/// <c>severity</c>, <c>message</c>, <c>remedy</c>, then (where the rule itself is at hand) <c>remedyAction</c>,
/// <c>appliesTo</c>, <c>evidence</c>, then (likewise) <c>sources</c>; when an event log was read, also <c>events</c>,
/// the licensing events logged for the cause (docs/status-json.md).
/// </summary>
internal static class FindingJson
{
    /// <summary>A finding of a status report, with the machine its remedy applies to and its sources, and with its events when <paramref name="withEvents"/>.</summary>
    public static void Write(Utf8JsonWriter w, Finding finding, bool withEvents = false)
    {
        Start(w, finding.Code, finding.Severity, finding.Message, finding.Remedy);
        if (finding.Action is { } action)
        {
            WriteAction(w, action);
        }
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

    /// <summary>
    /// <c>"remedyAction": {"kind", "machine", …}</c>: the remedy as data, its arguments written only where the action
    /// has them, so a reader can act on it without parsing the <c>remedy</c> text a front end worded.
    /// </summary>
    private static void WriteAction(Utf8JsonWriter w, RemedyAction action)
    {
        w.WritePropertyName("remedyAction");
        w.WriteStartObject();
        w.WriteCamelCase("kind", action.Kind);
        w.WriteCamelCase("machine", action.Machine);
        if (action.Modes.Count == 1)
        {
            w.WriteString("mode", action.Modes[0].Name());
        }
        else if (action.Modes.Count > 1)
        {
            w.WriteStrings("modes", [.. action.Modes.Select(m => m.Name())]);
        }
        if (action.Servers.Count > 0)
        {
            w.WriteStrings("servers", action.Servers);
        }
        if (action.Policy)
        {
            w.WriteBoolean("policy", true);
        }
        if (action.Force)
        {
            w.WriteBoolean("force", true);
        }
        if (action.Inputs != StatusInputs.None)
        {
            w.WriteStrings("inputs", [.. new[] { (StatusInputs.System, "system"), (StatusInputs.Software, "software"), (StatusInputs.Security, "security") }
                .Where(i => action.Inputs.HasFlag(i.Item1)).Select(i => i.Item2)]);
        }
        if (action.Subject is { } subject)
        {
            w.WriteString("subject", subject);
        }
        if (action.Group is { } group)
        {
            w.WriteString("group", group);
        }
        if (action.Learn is { } learn)
        {
            w.WritePropertyName("learn");
            w.WriteStartObject();
            w.WriteString("title", learn.Title);
            w.WriteString("url", learn.Url);
            w.WriteEndObject();
        }
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

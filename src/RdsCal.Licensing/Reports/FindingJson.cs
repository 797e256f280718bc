using System.Text.Json;
using RdsCal.Licensing.Fleet;
using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Reports;

/// <summary>
/// One finding as a JSON object, the same in <c>status --json</c> and in the fleet audit: <c>code</c>,
/// <c>severity</c>, <c>message</c>, <c>remedy</c>, then (where the rule itself is at hand) <c>appliesTo</c>,
/// <c>evidence</c>, then (likewise) <c>sources</c>.
/// </summary>
internal static class FindingJson
{
    /// <summary>A finding of a status report, with the machine its remedy applies to and its sources.</summary>
    public static void Write(Utf8JsonWriter w, Finding finding)
    {
        Start(w, finding.Code, finding.Severity, finding.Message, finding.Remedy);
        w.WriteCamelCase("appliesTo", finding.AppliesTo);
        w.WriteStrings("evidence", finding.Evidence);
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

    /// <summary>Writes <c>"findings": [ … ]</c>, each as <see cref="Write(Utf8JsonWriter, Finding)"/> does.</summary>
    public static void WriteAll(Utf8JsonWriter w, IEnumerable<Finding> findings)
    {
        w.WritePropertyName("findings");
        w.WriteStartArray();
        foreach (var finding in findings)
        {
            Write(w, finding);
        }
        w.WriteEndArray();
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

using System.Text;
using System.Text.Json;
using RdsCal.Licensing.Probes;

namespace RdsCal.Licensing.Reports;

/// <summary>
/// A probe report as the stable JSON document of <c>rdscal probe --json</c> (schemaVersion 1, docs/probe-json.md):
/// <c>servers</c> with <c>name</c>, <c>source</c> and <c>checks</c> (<c>check</c>, <c>outcome</c>, <c>evidence</c>,
/// <c>elapsedMs</c>), then <c>findings</c> as <c>status --json</c> writes them. Written with
/// <see cref="Utf8JsonWriter"/> so the NativeAOT build writes the same bytes.
/// </summary>
public static class ProbeJsonWriter
{
    /// <summary>The version of the document's shape.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writes the report as indented JSON followed by a line break.</summary>
    public static void Write(ProbeReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WritePropertyName("servers");
            w.WriteStartArray();
            foreach (var server in report.Servers)
            {
                w.WriteStartObject();
                w.WriteString("name", server.Target.Name);
                w.WriteString("source", ProbeCheckNames.Of(server.Target.Source));
                w.WritePropertyName("checks");
                w.WriteStartArray();
                foreach (var row in server.Checks)
                {
                    w.WriteStartObject();
                    w.WriteString("check", ProbeCheckNames.Of(row.Check));
                    w.WriteString("outcome", ProbeCheckNames.Of(row.Outcome));
                    w.WriteString("evidence", row.Evidence);
                    w.WriteNumber("elapsedMs", row.ElapsedMs);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            FindingJson.WriteAll(w, report.Findings);
            w.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }
}

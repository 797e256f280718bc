using System.Globalization;
using System.Text;
using System.Text.Json;
using RdsCal.Licensing.Probes;
using RdsCal.Licensing.ServerView;

namespace RdsCal.Licensing.Reports;

/// <summary>
/// A license server view as the stable JSON document of <c>rdscal server --json</c> (schemaVersion 1,
/// docs/server-json.md): <c>server</c>, <c>ranAs</c>, <c>parts</c> (<c>part</c>, <c>outcome</c>, <c>evidence</c>,
/// <c>elapsedMs</c>), <c>keyPacks</c> and <c>issuedLicenses</c>, raw numbers beside their documented words. Written with
/// <see cref="Utf8JsonWriter"/> so the NativeAOT build writes the same bytes.
/// </summary>
public static class LicenseServerJsonWriter
{
    /// <summary>The version of the document's shape.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writes the view as indented JSON followed by a line break.</summary>
    public static void Write(LicenseServerReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteString("server", report.Server);
            w.WriteString("ranAs", report.RanAs);
            w.WritePropertyName("parts");
            w.WriteStartArray();
            foreach (var part in report.Parts)
            {
                w.WriteStartObject();
                w.WriteString("part", part.Part);
                w.WriteString("outcome", ProbeCheckNames.Of(part.Outcome));
                w.WriteString("evidence", part.Evidence);
                w.WriteNumber("elapsedMs", part.ElapsedMs);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WritePropertyName("keyPacks");
            w.WriteStartArray();
            foreach (var p in report.KeyPacks)
            {
                w.WriteStartObject();
                w.WriteNumber("keyPackId", p.KeyPackId);
                w.WriteNumber("productType", p.ProductType);
                w.WriteString("type", p.Type);
                w.WriteNumber("keyPackType", p.KeyPackType);
                w.WriteString("kind", p.Kind);
                w.WriteNumber("productVersionId", p.ProductVersionId);
                WriteStringOrNull(w, "version", p.Version);
                WriteStringOrNull(w, "productVersion", p.ProductVersion);
                w.WriteNumber("total", p.Total);
                w.WriteNumber("issued", p.Issued);
                w.WriteNumber("available", p.Available);
                WriteDate(w, "expires", p.Expires);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WritePropertyName("issuedLicenses");
            w.WriteStartArray();
            foreach (var l in report.IssuedLicenses)
            {
                w.WriteStartObject();
                w.WriteNumber("licenseId", l.LicenseId);
                w.WriteNumber("keyPackId", l.KeyPackId);
                w.WriteNumber("licenseStatus", l.LicenseStatus);
                w.WriteString("status", l.Status);
                WriteStringOrNull(w, "issuedToComputer", l.IssuedToComputer);
                WriteStringOrNull(w, "issuedToUser", l.IssuedToUser);
                WriteStringOrNull(w, "hardwareId", l.HardwareId);
                WriteDate(w, "issuedAt", l.IssuedAt);
                WriteDate(w, "expires", l.Expires);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteDate(Utf8JsonWriter w, string name, DateTimeOffset? value) =>
        WriteStringOrNull(w, name, value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}

using System.Text;
using System.Text.Json;
using RdsCal.Licensing.Fleet;
using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Reports;

/// <summary>
/// A status report as the stable JSON document of <c>rdscal status --json</c> (schemaVersion 1, docs/status-json.md),
/// written field by field with <see cref="Utf8JsonWriter"/>, so the NativeAOT build writes the same bytes. Field
/// names and enum spellings are part of the contract: add fields, never rename or remove them without raising
/// <see cref="SchemaVersion"/>. Its findings are written as the fleet audit writes them (<see cref="FindingJson"/>).
/// </summary>
public static class StatusJsonWriter
{
    /// <summary>The version of the document's shape.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writes the report as indented JSON followed by a line break.</summary>
    /// <param name="report">The report.</param>
    /// <param name="tool">The program and version that wrote it (<c>rdscal 0.1.0</c>).</param>
    /// <param name="output">Where to write.</param>
    public static void Write(StatusReport report, string tool, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(w, report, tool);
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Writes the report as one JSON object.</summary>
    /// <param name="w">Where to write.</param>
    /// <param name="report">The report.</param>
    /// <param name="tool">The program and version that wrote it (<c>rdscal 0.1.0</c>), the document's <c>tool</c> field.</param>
    public static void Write(Utf8JsonWriter w, StatusReport report, string tool)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Snapshot;
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", SchemaVersion);
        w.WriteString("tool", tool);
        w.WriteString("readAt", s.ReadAt);
        w.WritePropertyName("sources");
        w.WriteStartObject();
        WriteSource(w, "system", s.SystemSource, report.SourceWarnings);
        WriteSource(w, "software", s.SoftwareSource, report.SourceWarnings);
        WriteSource(w, "security", s.SecuritySource, report.SourceWarnings);
        w.WriteEndObject();
        w.WriteString("controlSet", s.ControlSet);
        w.WriteBoolean("live", s.IsLive);

        w.WritePropertyName("licensingMode");
        w.WriteStartObject();
        w.WriteString("effective", s.Mode.Effective.Name());
        w.WriteNumberOrNull("raw", s.Mode.Raw);
        w.WriteString("source", SettingSourceNames.Name(s.Mode.Source));
        WriteProvenance(w, "from", s.Mode.From);
        if (s.Mode.Shadowed is { } sh)
        {
            w.WritePropertyName("shadowed");
            w.WriteStartObject();
            w.WriteString("effective", sh.Mode.Name());
            w.WriteNumber("raw", sh.Raw);
            w.WriteString("source", "server");
            WriteProvenance(w, "from", sh.From);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("shadowed");
        }
        w.WriteEndObject();

        w.WritePropertyName("licenseServers");
        w.WriteStartObject();
        w.WriteStrings("effective", s.Servers.Effective);
        w.WriteString("source", SettingSourceNames.Name(s.Servers.Source));
        WriteProvenance(w, "from", s.Servers.From);
        if (s.Servers.Shadowed is { } shadowedList)
        {
            w.WriteStrings("shadowed", shadowedList);
        }
        else
        {
            w.WriteNull("shadowed");
        }
        w.WritePropertyName("shapes");
        w.WriteStartArray();
        foreach (var shape in s.Servers.Shapes)
        {
            w.WriteStartObject();
            w.WriteCamelCase("kind", shape.Kind);
            WriteProvenance(w, "from", shape.From);
            w.WriteStrings("servers", shape.Servers);
            w.WriteBoolean("readByCurrentWindows", shape.ReadByCurrentWindows);
            w.WriteString("note", shape.Note);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();

        var g = s.GracePeriod;
        w.WritePropertyName("gracePeriod");
        w.WriteStartObject();
        w.WriteBoolean("keyPresent", g.KeyPresent);
        w.WriteBoolean("timebombPresent", g.TimebombPresent);
        w.WriteString("valueName", g.ValueName);
        w.WriteNumberOrNull("valueSize", g.ValueSize);
        w.WriteBoolean("betaName", g.IsBetaName);
        if (g.KeyLastWritten is { } lw)
        {
            w.WriteString("keyLastWritten", lw);
        }
        else
        {
            w.WriteNull("keyLastWritten");
        }
        w.WriteNumberOrNull("daysLeft", g.DaysLeft);
        w.WriteCamelCase("state", g.State);
        w.WriteString("note", g.Note);
        WriteProvenance(w, "from", g.From);
        w.WriteEndObject();

        var h = s.Host;
        w.WritePropertyName("host");
        w.WriteStartObject();
        w.WriteNumberOrNull("rdsRoleInstallState", h.RdsRoleInstallState);
        w.WriteBooleanOrNull("isSessionHost", h.IsSessionHost);
        w.WriteString("productType", h.ProductType);
        w.WriteString("productName", h.ProductName);
        w.WriteString("build", h.Build);
        w.WriteString("domain", h.Domain);
        w.WriteBooleanOrNull("isDomainJoined", h.IsDomainJoined);
        w.WriteString("dnsSuffix", h.Domain);
        w.WriteString("domainSource", h.Membership is null ? "unknown" : "security");
        w.WriteString("primaryDomain", h.Membership?.Name);
        w.WriteString("primaryDomainSid", h.Membership?.Sid);
        w.WriteString("computerName", h.ComputerName);
        w.WriteEndObject();

        WriteValues(w, "certificates", s.Certificates);

        var c = s.ClientStore;
        w.WritePropertyName("clientStore");
        w.WriteStartObject();
        w.WriteBoolean("present", c.Present);
        w.WriteNumberOrNull("hardwareIdSize", c.HardwareIdSize);
        w.WritePropertyName("licenses");
        w.WriteStartArray();
        foreach (var l in c.Licenses)
        {
            w.WriteStartObject();
            w.WriteString("name", l.Name);
            w.WriteString("scope", l.Scope);
            w.WriteString("company", l.Company);
            w.WriteString("productId", l.ProductId);
            w.WriteNumber("licenseSize", l.LicenseSize);
            w.WriteString("sha256", l.Sha256);
            if (l.Certificate is { } cert)
            {
                w.WritePropertyName("x509");
                w.WriteStartObject();
                w.WriteString("subject", cert.Subject);
                w.WriteString("issuer", cert.Issuer);
                w.WriteString("notBefore", cert.NotBefore);
                w.WriteString("notAfter", cert.NotAfter);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("x509");
            }
            w.WriteString("content", l.Certificate is null ? (l.LicenseSize == 0 ? "empty" : "opaque") : "x509");
            WriteProvenance(w, "from", l.From);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteProvenance(w, "from", c.From);
        w.WriteEndObject();

        WriteValues(w, "licenseServerParameters", s.LicenseServerParameters);
        WriteValues(w, "policies", s.Policies);
        w.WriteStrings("dataQuality", s.DataQuality);

        // Only a report that read (or tried to read) an event log carries these: without one the document stays as before.
        if (report.EventLog is { } log)
        {
            WriteEventLog(w, log);
        }
        FindingJson.WriteAll(w, report.Findings, withEvents: report.EventLog is not null);
        w.WriteEndObject();
    }

    private static void WriteEventLog(Utf8JsonWriter w, Events.EventLogReading log)
    {
        w.WritePropertyName("eventLog");
        w.WriteStartObject();
        w.WriteString("from", log.From);
        w.WriteBoolean("read", log.Read);
        w.WriteString("unavailable", log.Unavailable);
        FindingJson.WriteTime(w, "since", log.Since);
        w.WriteNumber("licensingEvents", log.LicensingEvents);
        w.WritePropertyName("files");
        w.WriteStartArray();
        foreach (var f in log.Files)
        {
            w.WriteStartObject();
            w.WriteString("path", f.Path);
            w.WriteNumber("records", f.Records);
            w.WriteStrings("warnings", f.Warnings);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStrings("warnings", log.Warnings);
        w.WriteString("note", log.Note);
        w.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter w, string name, string? label, IReadOnlyDictionary<string, IReadOnlyList<string>> warnings)
    {
        if (label is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WritePropertyName(name);
        w.WriteStartObject();
        w.WriteString("path", label);
        w.WriteStrings("warnings", warnings.TryGetValue(label, out var list) ? list : []);
        w.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter w, string name, IReadOnlyList<RegistryValueInfo> values)
    {
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (var v in values)
        {
            w.WriteStartObject();
            w.WriteString("name", v.Name);
            w.WriteString("kind", v.Kind);
            w.WriteNumber("size", v.Size);
            w.WriteString("value", v.Display);
            WriteProvenance(w, "from", v.From);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteProvenance(Utf8JsonWriter w, string name, Provenance? p)
    {
        if (p is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WritePropertyName(name);
        w.WriteStartObject();
        w.WriteString("path", p.Path);
        w.WriteString("input", p.Source);
        w.WriteEndObject();
    }
}

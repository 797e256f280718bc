using System.Text.Json;
using RdsCal.Licensing;
using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Snapshot;

namespace RdsCal.Cli.Output;

/// <summary>
/// The stable JSON contract of <c>rdscal status --json</c> (schemaVersion 1). Field names and enum spellings
/// are part of the contract: add fields, never rename or remove them without raising schemaVersion.
/// </summary>
internal static class StatusJsonRenderer
{
    public const int SchemaVersion = 1;

    public static void Render(StatusReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(w, report);
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    internal static void Write(Utf8JsonWriter w, StatusReport report)
    {
        var s = report.Snapshot;
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", SchemaVersion);
        w.WriteString("tool", $"rdscal {typeof(StatusJsonRenderer).Assembly.GetName().Version?.ToString(3)}");
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
        w.WriteString("effective", s.Mode.Effective.ToString());
        WriteNullableNumber(w, "raw", s.Mode.Raw);
        w.WriteString("source", SourceName(s.Mode.Source));
        WriteProvenance(w, "from", s.Mode.From);
        if (s.Mode.Shadowed is { } sh)
        {
            w.WritePropertyName("shadowed");
            w.WriteStartObject();
            w.WriteString("effective", sh.Mode.ToString());
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
        WriteStrings(w, "effective", s.Servers.Effective);
        w.WriteString("source", SourceName(s.Servers.Source));
        WriteProvenance(w, "from", s.Servers.From);
        if (s.Servers.Shadowed is { } shadowedList)
        {
            WriteStrings(w, "shadowed", shadowedList);
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
            w.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(shape.Kind.ToString()));
            WriteProvenance(w, "from", shape.From);
            WriteStrings(w, "servers", shape.Servers);
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
        WriteNullableNumber(w, "valueSize", g.ValueSize);
        w.WriteBoolean("betaName", g.IsBetaName);
        if (g.KeyLastWritten is { } lw)
        {
            w.WriteString("keyLastWritten", lw);
        }
        else
        {
            w.WriteNull("keyLastWritten");
        }
        WriteNullableNumber(w, "daysLeft", g.DaysLeft);
        w.WriteString("state", JsonNamingPolicy.CamelCase.ConvertName(g.State.ToString()));
        w.WriteString("note", g.Note);
        WriteProvenance(w, "from", g.From);
        w.WriteEndObject();

        var h = s.Host;
        w.WritePropertyName("host");
        w.WriteStartObject();
        WriteNullableNumber(w, "rdsRoleInstallState", h.RdsRoleInstallState);
        WriteNullableBool(w, "isSessionHost", h.IsSessionHost);
        w.WriteString("productType", h.ProductType);
        w.WriteString("productName", h.ProductName);
        w.WriteString("build", h.Build);
        w.WriteString("domain", h.Domain);
        WriteNullableBool(w, "isDomainJoined", h.IsDomainJoined);
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
        WriteNullableNumber(w, "hardwareIdSize", c.HardwareIdSize);
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
        WriteStrings(w, "dataQuality", s.DataQuality);

        w.WritePropertyName("findings");
        w.WriteStartArray();
        foreach (var f in report.Findings)
        {
            w.WriteStartObject();
            w.WriteString("code", f.Code);
            w.WriteString("severity", SeverityNames.Of(f.Severity));
            w.WriteString("message", f.Message);
            w.WriteString("remedy", f.Remedy);
            w.WriteString("appliesTo", JsonNamingPolicy.CamelCase.ConvertName(f.AppliesTo.ToString()));
            WriteStrings(w, "evidence", f.Evidence);
            w.WritePropertyName("sources");
            w.WriteStartArray();
            foreach (var source in f.Sources)
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
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string SourceName(SettingSource source) => source switch
    {
        SettingSource.Policy => "policy",
        SettingSource.Server => "server",
        _ => "none",
    };

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
        WriteStrings(w, "warnings", warnings.TryGetValue(label, out var list) ? list : []);
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

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> items)
    {
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (string item in items)
        {
            w.WriteStringValue(item);
        }
        w.WriteEndArray();
    }

    private static void WriteNullableNumber(Utf8JsonWriter w, string name, long? n)
    {
        if (n is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNullableBool(Utf8JsonWriter w, string name, bool? b)
    {
        if (b is { } v)
        {
            w.WriteBoolean(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

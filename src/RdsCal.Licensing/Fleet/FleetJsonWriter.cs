using System.Text.Json;
using RdsCal.Licensing.Reports;
using RdsCal.Licensing.Rules;
using RdsCal.Registry;

namespace RdsCal.Licensing.Fleet;

/// <summary>
/// The fleet audit as JSON (<c>rdscal fleet --json</c>, schemaVersion 1, docs/fleet.md): <c>hosts</c> written
/// one by one as they are read, then <c>norm</c>, <c>groups</c> and <c>findingCounts</c>, and, when a host folder held
/// an event log, each such host's <c>licensingEvents</c> and the fleet's <c>eventCounts</c>. Written with
/// <see cref="Utf8JsonWriter"/> into a spool, so memory does not grow with the fleet; each finding as
/// <c>status --json</c> writes it (<see cref="FindingJson"/>).
/// </summary>
public sealed class FleetJsonWriter : IDisposable
{
    /// <summary>The version of this document's shape.</summary>
    public const int SchemaVersion = 1;

    private readonly Spool _spool = new();
    private readonly Utf8JsonWriter _w;

    /// <summary>Starts the document.</summary>
    public FleetJsonWriter()
    {
        _w = new Utf8JsonWriter(_spool.Stream, new JsonWriterOptions { Indented = true });
        _w.WriteStartObject();
        _w.WriteNumber("schemaVersion", SchemaVersion);
        _w.WritePropertyName("hosts");
        _w.WriteStartArray();
    }

    /// <summary>Adds a host.</summary>
    public void Add(HostAudit host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _w.WriteStartObject();
        _w.WriteString("host", host.Host);
        _w.WriteString("collectedAs", host.CollectedAs);
        _w.WriteString("origin", host.Origin);
        _w.WriteString("status", FleetCsvWriter.StatusOf(host));
        _w.WriteString("error", host.Error);
        if (host.Configuration is { } c)
        {
            _w.WritePropertyName("configuration");
            WriteConfiguration(c);
        }
        else
        {
            _w.WriteNull("configuration");
        }
        _w.WritePropertyName("grace");
        _w.WriteStartObject();
        _w.WriteCamelCase("state", host.Grace.State);
        _w.WriteNumberOrNull("daysLeft", host.Grace.DaysLeft);
        _w.WriteString("text", host.Grace.Text);
        _w.WriteEndObject();
        _w.WritePropertyName("findings");
        _w.WriteStartArray();
        foreach (var f in host.Findings)
        {
            FindingJson.Write(_w, f);
        }
        _w.WriteEndArray();
        // Only a host whose folder held an event log has this, so a fleet without any keeps its bytes.
        if (host.Events is { } events)
        {
            _w.WritePropertyName("licensingEvents");
            _w.WriteStartObject();
            _w.WriteNumber("errors", events.Errors);
            _w.WriteNumber("warnings", events.Warnings);
            _w.WritePropertyName("byId");
            _w.WriteStartArray();
            foreach (var count in events.ById)
            {
                _w.WriteStartObject();
                _w.WriteNumber("eventId", count.EventId);
                _w.WriteString("level", count.Level);
                _w.WriteNumber("count", count.Count);
                _w.WriteEndObject();
            }
            _w.WriteEndArray();
            if (events.Unavailable is { } why)
            {
                _w.WriteString("unavailable", why);
            }
            _w.WriteEndObject();
        }
        _w.WriteEndObject();
        if (_w.BytesPending > 1 << 16)
        {
            _w.Flush();
        }
    }

    /// <summary>Ends the document with the audit and writes it all to <paramref name="output"/>.</summary>
    public void Finish(FleetReport report, Stream output)
    {
        End(report);
        _spool.Stream.Position = 0;
        _spool.Stream.CopyTo(output);
    }

    /// <summary>Ends the document with the audit and writes it to a file, atomically, by <paramref name="output"/>'s rules (by default only as a new file).</summary>
    /// <exception cref="OutputRefusedException">The file exists and may not be replaced, or it is a folder.</exception>
    public void FinishFile(FleetReport report, string path, OutputOptions? output = null) => AtomicFile.Write(path, s => Finish(report, s), output);

    /// <summary>Ends the document with the audit and writes it all to <paramref name="output"/> as text.</summary>
    public void Finish(FleetReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        End(report);
        _spool.CopyTo(output);
        output.WriteLine();
    }

    private void End(FleetReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _w.WriteEndArray();
        _w.WritePropertyName("norm");
        _w.WriteStartObject();
        _w.WriteString("from", report.NormLabel);
        if (report.Norm is { } norm)
        {
            _w.WritePropertyName("configuration");
            WriteConfiguration(norm);
        }
        else
        {
            _w.WriteNull("configuration");
        }
        _w.WriteEndObject();
        _w.WritePropertyName("groups");
        _w.WriteStartArray();
        foreach (var g in report.Groups)
        {
            _w.WriteStartObject();
            _w.WriteString("label", g.Label);
            _w.WriteBoolean("isNorm", g.IsNorm);
            _w.WritePropertyName("configuration");
            WriteConfiguration(g.Configuration);
            _w.WritePropertyName("differences");
            _w.WriteStartArray();
            foreach (var d in g.Differences)
            {
                _w.WriteStartObject();
                _w.WriteString("setting", d.Setting);
                _w.WriteString("norm", d.Norm);
                _w.WriteString("value", d.Value);
                _w.WriteEndObject();
            }
            _w.WriteEndArray();
            _w.WriteStrings("hosts", g.Hosts);
            _w.WriteEndObject();
        }
        _w.WriteEndArray();
        _w.WritePropertyName("findingCounts");
        _w.WriteStartArray();
        foreach (var c in report.FindingCounts)
        {
            _w.WriteStartObject();
            _w.WriteString("code", c.Code);
            _w.WriteString("severity", SeverityNames.Of(c.Severity));
            _w.WriteNumber("hosts", c.Hosts);
            _w.WriteNumber("occurrences", c.Occurrences);
            _w.WriteEndObject();
        }
        _w.WriteEndArray();
        if (report.HostsWithEvents > 0)
        {
            _w.WritePropertyName("eventCounts");
            _w.WriteStartArray();
            foreach (var e in report.EventCounts)
            {
                _w.WriteStartObject();
                _w.WriteNumber("eventId", e.EventId);
                _w.WriteString("level", e.Level);
                _w.WriteNumber("occurrences", e.Occurrences);
                _w.WriteStrings("hosts", e.Hosts);
                _w.WriteEndObject();
            }
            _w.WriteEndArray();
        }
        _w.WritePropertyName("totals");
        _w.WriteStartObject();
        _w.WriteNumber("hosts", report.Hosts.Count);
        _w.WriteNumber("unreadable", report.Unreadable);
        _w.WriteNumber("withErrors", report.WithErrors);
        _w.WriteNumber("deviating", report.Deviating);
        if (report.HostsWithEvents > 0)
        {
            _w.WriteNumber("withEventLogs", report.HostsWithEvents);
            _w.WriteNumber("withLicensingEventErrors", report.WithEventErrors);
        }
        _w.WriteEndObject();
        _w.WriteEndObject();
        _w.Flush();
    }

    /// <summary>Releases the spool.</summary>
    public void Dispose()
    {
        _w.Dispose();
        _spool.Dispose();
    }

    private void WriteConfiguration(HostConfiguration c)
    {
        _w.WriteStartObject();
        _w.WriteString("fingerprint", c.Id);
        _w.WriteString("mode", c.Mode);
        _w.WriteString("modeSource", c.ModeSource);
        _w.WriteStrings("servers", c.Servers.Split(',', StringSplitOptions.RemoveEmptyEntries));
        _w.WriteString("serversSource", c.ServersSource);
        _w.WriteString("notifications", c.Notifications);
        _w.WriteString("role", c.Role);
        _w.WriteStrings("findingCodes", c.FindingCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        _w.WriteEndObject();
    }
}

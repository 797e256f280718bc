using System.Globalization;
using System.Text.Json;
using RdsCal.Licensing.Events;

namespace RdsCal.Licensing.Reports;

/// <summary>
/// The stable JSON document of <c>rdscal events --json</c> (schemaVersion 1, docs/events-json.md), written as the events
/// are read: <c>events</c> first, then <c>files</c> with each file's record count and warnings (key order is not part of
/// the contract). Written with <see cref="Utf8JsonWriter"/> so the NativeAOT build writes the same bytes.
/// </summary>
public sealed class EventsJsonWriter : IDisposable
{
    /// <summary>The version of the document's shape.</summary>
    public const int SchemaVersion = 1;

    private readonly MemoryStream _buffer = new();
    private readonly TextWriter _output;
    private readonly Utf8JsonWriter _w;

    /// <summary>Starts the document.</summary>
    public EventsJsonWriter(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _w = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true });
        _w.WriteStartObject();
        _w.WriteNumber("schemaVersion", SchemaVersion);
        _w.WritePropertyName("events");
        _w.WriteStartArray();
    }

    /// <summary>Writes one event; flushes every so often so memory stays flat on a long <c>--all</c> run.</summary>
    public void Write(LoggedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var w = _w;
        w.WriteStartObject();
        w.WriteNumber("recordId", e.RecordId);
        if (e.TimeCreated is { } t)
        {
            w.WriteString("timeCreated", DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull("timeCreated");
        }
        WriteStringOrNull("provider", e.Provider);
        WriteStringOrNull("eventSourceName", e.EventSourceName);
        WriteNumberOrNull("eventId", e.EventId);
        WriteNumberOrNull("qualifiers", e.Qualifiers);
        WriteNumberOrNull("level", e.Level);
        WriteStringOrNull("channel", e.Channel);
        WriteStringOrNull("computer", e.Computer);
        w.WritePropertyName("data");
        w.WriteStartArray();
        foreach (var d in e.Data)
        {
            w.WriteStartObject();
            WriteStringOrNull("name", d.Name);
            w.WriteString("value", d.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        var known = e.Known;
        WriteStringOrNull("meaning", known?.Meaning);
        WriteStringOrNull("message", e.Message);
        if (known is null)
        {
            w.WriteNull("rules");
        }
        else
        {
            w.WritePropertyName("rules");
            w.WriteStartArray();
            foreach (string code in e.Rules)
            {
                w.WriteStringValue(code);
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        if (w.BytesPending > 64 * 1024)
        {
            Drain();
        }
    }

    /// <summary>Ends the events and writes what each file gave.</summary>
    public void Finish(IReadOnlyList<EventFileRead> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var w = _w;
        w.WriteEndArray();
        w.WritePropertyName("files");
        w.WriteStartArray();
        foreach (var f in files)
        {
            w.WriteStartObject();
            w.WriteString("path", f.Path);
            w.WriteNumber("records", f.Records);
            w.WritePropertyName("warnings");
            w.WriteStartArray();
            foreach (string warning in f.Warnings)
            {
                w.WriteStringValue(warning);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        Drain();
        _output.WriteLine();
    }

    // The document goes out in pieces: the buffer never holds more than a flush's worth.
    private void Drain()
    {
        _w.Flush();
        _output.Write(System.Text.Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
        _buffer.SetLength(0);
    }

    /// <summary>Releases the writer (the output stays open).</summary>
    public void Dispose()
    {
        _w.Dispose();
        _buffer.Dispose();
    }

    private void WriteStringOrNull(string name, string? value)
    {
        if (value is null)
        {
            _w.WriteNull(name);
        }
        else
        {
            _w.WriteString(name, value);
        }
    }

    private void WriteNumberOrNull(string name, long? value)
    {
        if (value is { } v)
        {
            _w.WriteNumber(name, v);
        }
        else
        {
            _w.WriteNull(name);
        }
    }
}

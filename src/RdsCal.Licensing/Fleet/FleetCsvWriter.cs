using RdsCal.Registry;
using System.Globalization;
using System.Text;
using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Fleet;

/// <summary>
/// One CSV row per host (RFC 4180: comma-separated, CRLF, fields with quotes, commas or line breaks
/// quoted), written as hosts are read. A field that a spreadsheet would run as a formula is prefixed
/// with an apostrophe. When a host folder held an event log, every row gains the licensing event columns
/// (<c>event_errors</c>, <c>event_warnings</c>, <c>events</c>; empty for a host without one) at the end; otherwise the
/// file is as it always was.
/// </summary>
public sealed class FleetCsvWriter : IDisposable
{
    private static readonly string[] Header =
        ["host", "status", "fingerprint", "mode", "mode_source", "servers", "servers_source", "notifications", "role", "grace", "errors", "warnings", "findings", "error", "origin"];

    private static readonly string[] EventHeader = ["event_errors", "event_warnings", "events"];

    private readonly Spool _spool = new();

    // Each row's length in characters and its event fields, so the columns can be added at the end once a host shows
    // an event log (rows are spooled as hosts are read; the header goes first).
    private readonly List<int> _rowLengths = [];
    private readonly List<string[]> _eventFields = [];
    private bool _anyEvents;

    /// <summary>Starts the file with its header.</summary>
    public FleetCsvWriter() => Row(Header, EventHeader);

    /// <summary>Adds a host's row.</summary>
    public void Add(HostAudit host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var c = host.Configuration;
        Row([
            host.Host, StatusOf(host), c?.Id ?? string.Empty, c?.Mode ?? string.Empty, c?.ModeSource ?? string.Empty,
            c?.Servers ?? string.Empty, c?.ServersSource ?? string.Empty, c?.Notifications ?? string.Empty, c?.Role ?? string.Empty,
            host.Grace.Text, host.Errors.ToString(), host.Warnings.ToString(),
            string.Join(" ", host.Findings.Select(f => f.Code).Distinct(StringComparer.Ordinal)), host.Error ?? string.Empty, host.Origin,
        ], host.Events is { } e
            ? [e.Errors.ToString(CultureInfo.InvariantCulture), e.Warnings.ToString(CultureInfo.InvariantCulture), string.Join("; ", e.ById.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.EventId} {c.Level} x{c.Count}")))]
            : ["", "", ""]);
        _anyEvents |= host.Events is not null;
    }

    /// <summary>Writes the whole file to <paramref name="output"/>.</summary>
    public void Finish(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!_anyEvents)
        {
            _spool.CopyTo(output);
            return;
        }
        _spool.Writer.Flush();
        _spool.Stream.Position = 0;
        using var reader = new StreamReader(_spool.Stream, new UTF8Encoding(false), false, 1 << 16, leaveOpen: true);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        for (int i = 0; i < _rowLengths.Count; i++)
        {
            char[] row = new char[_rowLengths[i]];
            reader.ReadBlock(row, 0, row.Length);
            reader.ReadBlock(new char[2], 0, 2);
            writer.Write(row);
            var line = new StringBuilder();
            foreach (string field in _eventFields[i])
            {
                line.Append(',');
                Append(line, field);
            }
            writer.Write(line.Append("\r\n"));
        }
    }

    /// <summary>Writes the rows to a file, atomically, by <paramref name="output"/>'s rules (by default only as a new file).</summary>
    /// <exception cref="OutputRefusedException">The file exists and may not be replaced, or it is a folder.</exception>
    public void FinishFile(string path, OutputOptions? output = null) => AtomicFile.Write(path, Finish, output);

    /// <summary>Releases the spool.</summary>
    public void Dispose() => _spool.Dispose();

    /// <summary><c>unreadable</c>, <c>error</c>, <c>warning</c> or <c>ok</c>.</summary>
    public static string StatusOf(HostAudit host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Error is not null ? "unreadable"
            : host.Findings.Any(f => f.Severity == Severity.Error) ? "error"
            : host.Findings.Any(f => f.Severity == Severity.Warning) ? "warning"
            : "ok";
    }

    private void Row(IEnumerable<string> fields, string[] eventFields)
    {
        var line = new StringBuilder();
        foreach (string raw in fields)
        {
            if (line.Length > 0)
            {
                line.Append(',');
            }
            Append(line, raw);
        }
        _rowLengths.Add(line.Length);
        _eventFields.Add(eventFields);
        _spool.Writer.Write(line.Append("\r\n"));
    }

    private static void Append(StringBuilder line, string raw)
    {
        string field = raw.Length > 0 && raw[0] is '=' or '+' or '@' or '\t' or '\r' || (raw.Length > 1 && raw[0] == '-') ? "'" + raw : raw;
        if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            line.Append(field);
        }
    }
}

using RdsCal.Registry;
using System.Text;
using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Fleet;

/// <summary>
/// One CSV row per host (RFC 4180: comma-separated, CRLF, fields with quotes, commas or line breaks
/// quoted), written as hosts are read. A field that a spreadsheet would run as a formula is prefixed
/// with an apostrophe.
/// </summary>
public sealed class FleetCsvWriter : IDisposable
{
    private static readonly string[] Header =
        ["host", "status", "fingerprint", "mode", "mode_source", "servers", "servers_source", "notifications", "role", "grace", "errors", "warnings", "findings", "error", "origin"];

    private readonly Spool _spool = new();

    /// <summary>Starts the file with its header.</summary>
    public FleetCsvWriter() => Row(Header);

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
        ]);
    }

    /// <summary>Writes the whole file to <paramref name="output"/>.</summary>
    public void Finish(Stream output) => _spool.CopyTo(output);

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

    private void Row(IEnumerable<string> fields)
    {
        var line = new StringBuilder();
        foreach (string raw in fields)
        {
            if (line.Length > 0)
            {
                line.Append(',');
            }
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
        _spool.Writer.Write(line.Append("\r\n"));
    }
}

using RdsCal.Registry;
using System.Globalization;
using System.Net;
using System.Text;
using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Fleet;

/// <summary>
/// The fleet audit as one self-contained HTML file: inline CSS, SVG and script, and a Content Security
/// Policy that forbids every network fetch. A summary bar of groups, a findings-by-code chart, a sortable
/// and filterable host table, and per-host details with the evidence of each finding. Host rows and
/// details are spooled as hosts are read; the summary is written in front of them at the end.
/// The page's script writes a self-check into <c>#selfcheck</c> (rows found, script errors) that a
/// headless browser test reads back.
/// </summary>
public sealed class FleetHtmlWriter : IDisposable
{
    private readonly Spool _rows = new();
    private readonly Spool _details = new();
    private int _count;

    /// <summary>Adds a host's table row and details.</summary>
    public void Add(HostAudit host)
    {
        ArgumentNullException.ThrowIfNull(host);
        string id = "h" + (++_count).ToString(CultureInfo.InvariantCulture);
        string status = FleetCsvWriter.StatusOf(host);
        var c = host.Configuration;
        var r = _rows.Writer;
        r.Write($"<tr data-status=\"{status}\"><td><a href=\"#{id}\">{E(host.Host)}</a></td><td><span class=\"st {status}\">{status}</span></td>");
        r.Write($"<td><code>{E(c?.Id ?? "-")}</code></td><td>{E(c?.ModeText ?? "-")}</td><td>{E(c?.ServersText ?? "-")}</td><td>{E(c?.Notifications ?? "-")}</td><td>{E(c?.Role ?? "-")}</td>");
        r.Write($"<td>{E(host.Grace.Text)}</td><td data-n=\"{host.Errors}\">{host.Errors}</td><td data-n=\"{host.Warnings}\">{host.Warnings}</td>");
        r.Write($"<td>{E(host.Error ?? string.Join(" ", host.Findings.Select(f => f.Code).Distinct(StringComparer.Ordinal)))}</td></tr>\n");

        var d = _details.Writer;
        d.Write($"<details id=\"{id}\" class=\"host\"><summary><b>{E(host.Host)}</b> <span class=\"st {status}\">{status}</span></summary>\n<p class=\"origin\">Read from <code>{E(host.Origin)}</code>{(host.CollectedAs is null ? string.Empty : $", collected as <b>{E(host.CollectedAs)}</b> (not the computer name it reports)")}</p>\n");
        if (host.Error is not null)
        {
            d.Write($"<p class=\"unreadable\">{E(host.Error)}</p>");
        }
        if (c is not null)
        {
            d.Write($"<dl><dt>Licensing mode</dt><dd>{E(c.ModeText)}</dd><dt>License servers</dt><dd>{E(c.ServersText)}</dd><dt>Notifications</dt><dd>{E(c.Notifications)}</dd>");
            d.Write($"<dt>Role</dt><dd>{E(c.Role)}</dd><dt>Grace period</dt><dd>{E(host.Grace.Text)}</dd><dt>Fingerprint</dt><dd><code>{E(c.Id)}</code></dd></dl>\n");
        }
        if (host.Events is { } events)
        {
            d.Write(string.Create(CultureInfo.InvariantCulture, $"<p class=\"events\">Licensing events: {events.Errors} error(s), {events.Warnings} warning(s)"));
            d.Write(events.Unavailable is { } why ? $" (not collected: {E(why)})</p>\n" : events.ById.Count == 0 ? " (none logged)</p>\n" : $": {E(string.Join(", ", events.ById.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.EventId} {c.Level} x{c.Count}"))))}</p>\n");
        }
        if (host.Findings.Count > 0)
        {
            d.Write("<ol class=\"findings\">");
            foreach (var f in host.Findings)
            {
                string sev = SeverityNames.Of(f.Severity);
                d.Write($"<li class=\"{sev}\"><b>{E(f.Code)}</b> <span class=\"st {sev}\">{sev}</span> {E(f.Message)}<p class=\"remedy\">{E(f.Remedy)}</p>");
                if (f.Evidence.Count > 0)
                {
                    d.Write("<ul class=\"evidence\">");
                    foreach (string e in f.Evidence)
                    {
                        d.Write($"<li><code>{E(e)}</code></li>");
                    }
                    d.Write("</ul>");
                }
                d.Write("</li>");
            }
            d.Write("</ol>");
        }
        else if (host.Error is null)
        {
            d.Write("<p>No findings.</p>");
        }
        d.Write("</details>\n");
    }

    /// <summary>Writes the finished page to a file, atomically, by <paramref name="output"/>'s rules (by default only as a new file).</summary>
    /// <exception cref="OutputRefusedException">The file exists and may not be replaced, or it is a folder.</exception>
    public void FinishFile(FleetReport report, string path, DateTimeOffset generatedAt, OutputOptions? output = null) =>
        AtomicFile.Write(path, s => Finish(report, s, generatedAt), output);

    /// <summary>Writes the page: summary, chart, table and details.</summary>
    public void Finish(FleetReport report, Stream output, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>RDS licensing fleet report</title>
            <style>{Css}</style>
            </head>
            <body>
            <header><h1>RDS licensing fleet report</h1>
            <p class="totals"><b>{report.Hosts.Count}</b> hosts · <b>{report.Unreadable}</b> unreadable · <b>{report.WithErrors}</b> with errors · <b>{report.Deviating}</b> differ from the norm · generated {E(generatedAt.ToString("u", CultureInfo.InvariantCulture))} by rdscal</p></header>

            """);
        WriteGroups(head, report);
        WriteChart(head, report);
        WriteEvents(head, report);
        head.Append(CultureInfo.InvariantCulture, $"""
            <section id="hosts"><h2>Hosts</h2>
            <p class="controls"><label>Filter <input id="filter" type="search" placeholder="host, mode, server, code…"></label>
            <label>Status <select id="status-filter"><option value="">all</option><option>unreadable</option><option>error</option><option>warning</option><option>ok</option></select></label>
            <span id="shown"></span></p>
            <table id="host-table" data-hosts="{_count}"><thead><tr><th>Host</th><th>Status</th><th>Fingerprint</th><th>Licensing mode</th><th>License servers</th><th>Notifications</th><th>Role</th><th>Grace</th><th>Errors</th><th>Warnings</th><th>Findings</th></tr></thead>
            <tbody>

            """);
        Write(output, head.ToString());
        _rows.CopyTo(output);
        Write(output, "</tbody></table></section>\n<section id=\"details\"><h2>Host details</h2>\n");
        _details.CopyTo(output);
        Write(output, $"</section>\n<footer><p id=\"selfcheck\" data-rows=\"\" data-script-errors=\"\">self-check did not run</p></footer>\n<script>{Script}</script>\n</body>\n</html>\n");
    }

    /// <summary>Releases the spools.</summary>
    public void Dispose()
    {
        _rows.Dispose();
        _details.Dispose();
    }

    private static void WriteGroups(StringBuilder b, FleetReport report)
    {
        int total = report.Groups.Sum(g => g.Hosts.Count);
        b.Append("<section id=\"groups\"><h2>Configuration groups</h2>\n");
        if (report.Norm is null)
        {
            b.Append("<p>No host could be read.</p></section>\n");
            return;
        }
        b.Append(CultureInfo.InvariantCulture, $"<p>Norm: {E(report.NormLabel)}: mode {E(report.Norm.ModeText)}; servers {E(report.Norm.ServersText)}; notifications {E(report.Norm.Notifications)}; role {E(report.Norm.Role)}; findings {E(report.Norm.FindingsText)}.</p>\n");
        b.Append("<svg class=\"bar\" viewBox=\"0 0 1000 36\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"hosts per configuration group\">");
        double x = 0;
        int i = 0;
        foreach (var g in report.Groups)
        {
            double w = total == 0 ? 0 : 1000.0 * g.Hosts.Count / total;
            string fill = g.IsNorm ? "#2e7d32" : Palette[i++ % Palette.Length];
            b.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.##}\" y=\"0\" width=\"{w:0.##}\" height=\"36\" fill=\"{fill}\"><title>group {E(g.Label)}: {g.Hosts.Count} hosts{(g.IsNorm ? " (norm)" : string.Empty)}</title></rect>");
            if (w >= 40)
            {
                b.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 6:0.##}\" y=\"24\" fill=\"#fff\" font-size=\"16\">{E(g.Label)} · {g.Hosts.Count}</text>");
            }
            x += w;
        }
        b.Append("</svg>\n<table class=\"groups\"><thead><tr><th>Group</th><th>Hosts</th><th>Fingerprint</th><th>Differences from the norm</th><th>Members</th></tr></thead><tbody>\n");
        foreach (var g in report.Groups)
        {
            b.Append(CultureInfo.InvariantCulture, $"<tr class=\"{(g.IsNorm ? "norm" : "minority")}\"><td>{E(g.Label)}{(g.IsNorm ? " (norm)" : string.Empty)}</td><td>{g.Hosts.Count}</td><td><code>{E(g.Configuration.Id)}</code></td><td>");
            if (g.Differences.Count == 0)
            {
                b.Append(g.IsNorm ? "none: this is the norm" : "none");
            }
            else
            {
                b.Append("<ul>");
                foreach (var d in g.Differences)
                {
                    b.Append(CultureInfo.InvariantCulture, $"<li><b>{E(d.Setting)}</b>: {E(d.Value)} <span class=\"was\">instead of {E(d.Norm)}</span></li>");
                }
                b.Append("</ul>");
            }
            // The norm's members are the rest of the table; minority members are what an admin acts on.
            string members = g.IsNorm ? $"{g.Hosts.Count} hosts (see the table)" : string.Join(", ", g.Hosts.Select(E));
            b.Append(CultureInfo.InvariantCulture, $"</td><td class=\"members\">{members}</td></tr>\n");
        }
        b.Append("</tbody></table></section>\n");
    }

    private static void WriteChart(StringBuilder b, FleetReport report)
    {
        b.Append("<section id=\"codes\"><h2>Findings by code</h2>\n");
        if (report.FindingCounts.Count == 0)
        {
            b.Append("<p>No findings on any host.</p></section>\n");
            return;
        }
        int max = report.FindingCounts.Max(c => c.Hosts);
        int height = (24 * report.FindingCounts.Count) + 8;
        b.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 760 {height}\" role=\"img\" aria-label=\"hosts per finding code\">");
        int y = 4;
        foreach (var c in report.FindingCounts)
        {
            string sev = SeverityNames.Of(c.Severity);
            double w = Math.Max(2, 520.0 * c.Hosts / max);
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 15}\" font-size=\"13\">{E(c.Code)} ({sev})</text>");
            b.Append(CultureInfo.InvariantCulture, $"<rect class=\"{sev}\" x=\"150\" y=\"{y}\" width=\"{w:0.##}\" height=\"18\"><title>{E(c.Code)}: {c.Hosts} hosts, {c.Occurrences} findings</title></rect>");
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{150 + w + 6:0.##}\" y=\"{y + 15}\" font-size=\"13\">{c.Hosts} hosts</text>");
            y += 24;
        }
        b.Append("</svg>\n</section>\n");
    }

    // Only when a host folder held an event log: a fleet without any keeps its page as it was.
    private static void WriteEvents(StringBuilder b, FleetReport report)
    {
        if (report.HostsWithEvents == 0)
        {
            return;
        }
        b.Append(CultureInfo.InvariantCulture, $"<section id=\"events\"><h2>Licensing events</h2>\n<p>{report.HostsWithEvents} host(s) with event logs, {report.WithEventErrors} logged licensing errors.</p>\n");
        if (report.EventCounts.Count == 0)
        {
            b.Append("<p>No licensing events on any host.</p></section>\n");
            return;
        }
        b.Append("<table class=\"events\"><thead><tr><th>Event</th><th>Level</th><th>Hosts</th><th>Records</th><th>Which hosts</th></tr></thead><tbody>\n");
        foreach (var e in report.EventCounts)
        {
            string cls = e.IsError ? "error" : e.IsWarning ? "warning" : "info";
            b.Append(CultureInfo.InvariantCulture, $"<tr class=\"{cls}\"><td>{e.EventId}</td><td>{E(e.Level)}</td><td>{e.Hosts.Count}</td><td>{e.Occurrences}</td><td>{E(string.Join(", ", e.Hosts))}</td></tr>\n");
        }
        b.Append("</tbody></table></section>\n");
    }

    private static void Write(Stream output, string text) => output.Write(Encoding.UTF8.GetBytes(text));

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static readonly string[] Palette = ["#c62828", "#ef6c00", "#6a1b9a", "#1565c0", "#00838f", "#4e342e", "#ad1457", "#558b2f"];

    private const string Css = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 24px 48px;color:#1b1b1b}
        h1{font-size:22px;margin:18px 0 4px}h2{font-size:17px;margin:26px 0 8px;border-bottom:1px solid #ddd}
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e4e4e4;padding:4px 6px;text-align:left;vertical-align:top}
        #host-table th{cursor:pointer;user-select:none;background:#f4f4f4;position:sticky;top:0}
        th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
        .st{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;color:#fff;background:#2e7d32}
        .st.error,.st.unreadable{background:#c62828}.st.warning{background:#ef6c00}.st.info{background:#1565c0}
        svg.bar{width:100%;height:36px}svg.chart{width:100%;max-width:760px}
        rect.error{fill:#c62828}rect.warning{fill:#ef6c00}rect.info{fill:#1565c0}
        .was{color:#666}.members{max-width:40em}.controls label{margin-right:16px}
        details.host{border:1px solid #e4e4e4;border-radius:4px;margin:6px 0;padding:4px 10px}details.host:target{outline:2px solid #1565c0}
        dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{color:#555}dd{margin:0}
        .remedy{margin:2px 0;color:#333}.remedy::before{content:"Remedy: ";font-weight:600}
        .evidence code,.origin code{font-size:12px;word-break:break-all}.unreadable{color:#c62828}
        """;

    private const string Script = """
        (function () {
          var errors = [];
          var check = document.getElementById('selfcheck');
          window.addEventListener('error', function (e) { errors.push(String(e.message)); record(); });
          function record() { check.setAttribute('data-script-errors', String(errors.length)); if (errors.length) { check.textContent = 'script errors: ' + errors.join(' | '); } }
          var table = document.getElementById('host-table');
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          var filter = document.getElementById('filter');
          var status = document.getElementById('status-filter');
          function apply() {
            var q = filter.value.toLowerCase(), st = status.value, shown = 0;
            rows.forEach(function (r) {
              var ok = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) && (!st || r.getAttribute('data-status') === st);
              r.hidden = !ok; if (ok) { shown++; }
            });
            document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' hosts shown';
            return shown;
          }
          function key(r, i) { var c = r.cells[i]; var n = c.getAttribute('data-n'); return n === null ? c.textContent.toLowerCase() : Number(n); }
          function sortBy(i, dir) {
            var sorted = rows.slice().sort(function (a, b) { var x = key(a, i), y = key(b, i); return (x < y ? -1 : x > y ? 1 : 0) * dir; });
            sorted.forEach(function (r) { body.appendChild(r); });
            Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, j) { if (j === i) { th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending'); } else { th.removeAttribute('aria-sort'); } });
          }
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
            th.addEventListener('click', function () { sortBy(i, th.getAttribute('aria-sort') === 'ascending' ? -1 : 1); });
          });
          filter.addEventListener('input', apply);
          status.addEventListener('change', apply);
          var expected = Number(table.getAttribute('data-hosts'));
          var shownAll = apply();
          var order = rows.map(function (r) { return r; });
          sortBy(0, 1);
          var names = Array.prototype.map.call(body.rows, function (r) { return r.cells[0].textContent.toLowerCase(); });
          var sortedOk = names.every(function (n, k) { return k === 0 || names[k - 1] <= n; });
          order.forEach(function (r) { body.appendChild(r); });
          table.tHead.rows[0].cells[0].removeAttribute('aria-sort');
          check.setAttribute('data-rows', String(rows.length));
          check.setAttribute('data-shown', String(shownAll));
          check.setAttribute('data-sort', sortedOk ? 'ok' : 'failed');
          record();
          if (!errors.length) { check.textContent = rows.length === expected && shownAll === expected && sortedOk ? 'self-check ok' : 'self-check failed'; }
        })();
        """;
}

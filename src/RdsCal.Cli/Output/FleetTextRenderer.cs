using RdsCal.Licensing.Fleet;
using RdsCal.Licensing.Rules;

namespace RdsCal.Cli.Output;

/// <summary>The fleet audit as text: the norm, each group with its differences and members, finding counts, then one line per host (problems first).</summary>
internal static class FleetTextRenderer
{
    public static void Render(FleetReport report, TextWriter output, bool color)
    {
        var st = new Style(color);
        output.WriteLine(st.Bold($"{report.Hosts.Count} host(s): {report.Unreadable} unreadable, {report.WithErrors} with errors, {report.Deviating} differ from the norm"));
        if (report.Norm is { } norm)
        {
            output.WriteLine($"Norm ({report.NormLabel}): mode {norm.ModeText}; servers {norm.ServersText}; notifications {norm.Notifications}; role {norm.Role}; findings {norm.FindingsText}");
        }
        output.WriteLine();
        output.WriteLine(st.Bold("GROUPS"));
        foreach (var g in report.Groups)
        {
            output.WriteLine($"  {g.Label} [{g.Configuration.Id}] {g.Hosts.Count} host(s){(g.IsNorm ? " = norm" : string.Empty)}");
            foreach (var d in g.Differences)
            {
                output.WriteLine($"      {d.Setting}: {st.Yellow(d.Value)} instead of {d.Norm}");
            }
            if (!g.IsNorm)
            {
                output.WriteLine($"      hosts: {string.Join(", ", g.Hosts)}");
            }
        }
        if (report.FindingCounts.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(st.Bold("FINDINGS BY CODE"));
            foreach (var c in report.FindingCounts)
            {
                string sev = c.Severity switch { Severity.Error => st.Red("error  "), Severity.Warning => st.Yellow("warning"), _ => "info   " };
                output.WriteLine($"  {c.Code,-8}{sev}  {c.Hosts} host(s)");
            }
        }
        if (report.HostsWithEvents > 0)
        {
            output.WriteLine();
            output.WriteLine(st.Bold($"LICENSING EVENTS ({report.HostsWithEvents} host(s) with event logs, {report.WithEventErrors} with licensing errors)"));
            foreach (var e in report.EventCounts)
            {
                string level = e.IsError ? st.Red(e.Level) : e.IsWarning ? st.Yellow(e.Level) : e.Level;
                output.WriteLine($"  {e.EventId,-7}{level,-12}{e.Hosts.Count} host(s), {e.Occurrences} record(s): {string.Join(", ", e.Hosts)}");
            }
            if (report.EventCounts.Count == 0)
            {
                output.WriteLine("  none logged");
            }
        }
        output.WriteLine();
        int width = Math.Max(8, report.Hosts.Count == 0 ? 0 : report.Hosts.Max(r => r.Host.Length)) + 2;
        output.WriteLine(st.Bold($"{"HOST".PadRight(width)}{"GROUP",-7}{"MODE",-31}{"LICENSE SERVERS",-40}{"GRACE",-18}FINDINGS"));
        foreach (var r in report.Hosts)
        {
            if (r.Configuration is not { } c)
            {
                output.WriteLine($"{r.Host.PadRight(width)}{st.Red("unreadable: " + r.Error)}");
                continue;
            }
            string servers = c.ServersText;
            if (servers.Length > 38)
            {
                servers = servers[..37] + "…";
            }
            string codes = string.Join(" ", r.Codes);
            string summary = r.Errors > 0 ? st.Red($"{r.Errors}E {r.Warnings}W {codes}") : r.Warnings > 0 ? st.Yellow($"{r.Warnings}W {codes}") : st.Green("ok");
            string events = r.EventErrors is { } ee ? $"  events {ee}E {r.EventWarnings}W" : string.Empty;
            output.WriteLine($"{r.Host.PadRight(width)}{r.Group,-7}{c.ModeText,-31}{servers,-40}{r.Grace,-18}{summary}{events}");
        }
        var renamed = report.Hosts.Where(r => r.CollectedAs is not null).ToList();
        if (renamed.Count > 0)
        {
            output.WriteLine();
            output.WriteLine(st.Bold("COLLECTED UNDER ANOTHER NAME (inventory, folder or file name; the host column is the computer name reported)"));
            foreach (var r in renamed)
            {
                output.WriteLine($"  {r.Host}: collected as {r.CollectedAs}");
            }
        }
    }
}

using RdsCal.Licensing;
using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Snapshot;

namespace RdsCal.Cli.Output;

/// <summary>The compact report for people: one section per setting, then findings with their remedies and evidence (sources are in <c>explain</c> and the JSON).</summary>
internal static class StatusHumanRenderer
{
    private const int LabelWidth = 17;

    public static void Render(StatusReport report, TextWriter o, bool color)
    {
        var st = new Style(color);
        var s = report.Snapshot;
        o.WriteLine(st.Bold("RDS licensing status"));
        Line(o, st, "SYSTEM", s.SystemSource ?? st.Dim("(not given)"));
        Line(o, st, "SOFTWARE", s.SoftwareSource ?? st.Dim("(not given: policy unknown)"));
        if (s.SecuritySource is not null)
        {
            Line(o, st, "SECURITY", s.SecuritySource);
        }
        if (s.ControlSet is not null)
        {
            Line(o, st, "Control set", s.ControlSet);
        }
        o.WriteLine();

        var h = s.Host;
        string role = h.IsSessionHost switch
        {
            true => "RD Session Host",
            false => "not an RD Session Host",
            null => "role unknown",
        };
        Line(o, st, "Host", string.Join(", ", new[] { h.ProductName, h.Build is null ? null : $"build {h.Build}", h.ProductType ?? (s.ControlSet is null ? null : @"ProductType missing (no Control\ProductOptions)"), role }.Where(x => x is not null)));
        string suffix = h.Domain is null ? string.Empty : h.Domain.Length == 0 ? "; no DNS suffix" : $"; DNS suffix {h.Domain} (a hint only)";
        Line(o, st, "Domain", h.Membership switch
        {
            { Joined: true } d => $"member of {d.Name} ({d.Sid}), from {d.From.Path}{suffix}",
            { Joined: false } d => $"workgroup {d.Name} (no domain SID), from {d.From.Path}{suffix}",
            _ => st.Dim("unknown (give --security SECURITY)") + suffix,
        });

        var m = s.Mode;
        string mode = m.Raw is { } raw ? $"{st.Bold(m.Effective.Name())} (raw {raw})" : st.Bold(m.Effective.Name()) + " (not set anywhere)";
        Line(o, st, "Licensing mode", $"{mode}  {SourceText(st, m.Source)}");
        if (m.From is not null)
        {
            Line(o, st, string.Empty, st.Dim(m.From.Path));
        }
        if (m.Shadowed is { } sh)
        {
            Line(o, st, string.Empty, $"shadows server setting {sh.Mode.Name()} (raw {sh.Raw}) at {st.Dim(sh.From.Path)}");
        }

        var srv = s.Servers;
        Line(o, st, "License servers", srv.Effective.Count == 0 ? st.Bold("none") : $"{st.Bold(string.Join(", ", srv.Effective))}  {SourceText(st, srv.Source)}");
        if (srv.From is not null)
        {
            Line(o, st, string.Empty, st.Dim(srv.From.Path));
        }
        if (srv.Shadowed is { } shadowed)
        {
            Line(o, st, string.Empty, $"shadows server setting [{string.Join(", ", shadowed)}]");
        }
        foreach (var shape in srv.Shapes.Where(x => !x.ReadByCurrentWindows))
        {
            Line(o, st, string.Empty, $"{st.Yellow("legacy")} {shape.Kind}: [{string.Join(", ", shape.Servers)}] at {st.Dim(shape.From.Path)} (not documented for current Windows)");
        }

        var g = s.GracePeriod;
        string grace = g.State switch
        {
            GraceState.DaysLeft => $"{g.DaysLeft} day(s) left (WMI)",
            GraceState.Ended => "over: 0 days left (WMI)",
            GraceState.Unknown => "unknown (no SYSTEM)",
            GraceState.NoKey => "no GracePeriod key",
            GraceState.NoTimebomb => "GracePeriod key present, no timebomb value",
            _ => $"timebomb present ({g.ValueSize} bytes{(g.IsBetaName ? ", beta name" : string.Empty)})",
        };
        if (g.KeyLastWritten is { } lw)
        {
            grace += $", key last written {lw:yyyy-MM-dd HH:mm} UTC";
        }
        Line(o, st, "Grace period", grace);
        Line(o, st, string.Empty, st.Dim(g.Note));
        if (g.EndDate is { } end)
        {
            // Live only: offline the date cannot be decrypted and the note above says so.
            string? disagree = end.Disagreement(g.DaysLeft, DateTimeOffset.UtcNow);
            Line(o, st, string.Empty, $"end date: {end.Words}{(disagree is null ? string.Empty : "; " + st.Yellow(disagree))}");
        }

        if (s.Certificates.Count > 0)
        {
            Line(o, st, "RCM certificates", string.Join(", ", s.Certificates.Select(c => $"{c.Name} ({c.Size} B)")));
        }
        var c = s.ClientStore;
        if (c.Present)
        {
            Line(o, st, "Client store", $"ClientHWID {(c.HardwareIdSize is { } n ? $"{n} bytes" : "missing")}, {c.Licenses.Count} license(s)");
            foreach (var l in c.Licenses)
            {
                string content = l.Certificate is { } cert
                    ? $"X.509 {cert.Subject}, issuer {cert.Issuer}, valid {cert.NotBefore:yyyy-MM-dd} to {cert.NotAfter:yyyy-MM-dd}"
                    : l.LicenseSize == 0 ? "empty" : "opaque";
                Line(o, st, string.Empty, $"{l.Name}: scope {l.Scope ?? "?"}, company {l.Company ?? "?"}, product {l.ProductId ?? "?"}, {l.LicenseSize} B, {content}");
            }
        }
        else if (s.PolicyKnown)
        {
            Line(o, st, "Client store", st.Dim("MSLicensing absent"));
        }
        foreach (var v in s.LicenseServerParameters)
        {
            Line(o, st, "License server", $"{v.Name} = {v.Display}");
        }
        foreach (var v in s.Policies)
        {
            Line(o, st, "Policy", $"{v.Name} = {v.Display}");
        }

        foreach (var (label, warnings) in report.SourceWarnings)
        {
            foreach (string w in warnings)
            {
                Line(o, st, "Input", st.Yellow($"{Path.GetFileName(label)}: {w}"));
            }
        }
        if (report.EventLog is { } log)
        {
            Line(o, st, "Event log", log.Read ? log.Note : st.Yellow(log.Note));
            foreach (var file in log.Files)
            {
                foreach (string w in file.Warnings)
                {
                    Line(o, st, "Input", st.Yellow($"{Path.GetFileName(file.Path)}: {w}"));
                }
            }
            foreach (string w in log.Warnings)
            {
                Line(o, st, "Input", st.Yellow(w));
            }
        }

        o.WriteLine();
        var f = report.Findings;
        int errors = f.Count(x => x.Severity == Severity.Error), warns = f.Count(x => x.Severity == Severity.Warning), infos = f.Count(x => x.Severity == Severity.Info);
        o.WriteLine(st.Bold($"Findings: {errors} error(s), {warns} warning(s), {infos} info"));
        if (f.Count == 0)
        {
            o.WriteLine("  " + st.Green("no problems found"));
        }
        foreach (var x in f)
        {
            string tag = x.Severity switch
            {
                Severity.Error => st.Red("error  "),
                Severity.Warning => st.Yellow("warning"),
                _ => st.Cyan("info   "),
            };
            o.WriteLine($"  {tag} {st.Bold(x.Code)} {x.Message}");
            o.WriteLine($"          {st.Dim("fix:")} {x.Remedy}");
            foreach (string e in x.Evidence)
            {
                o.WriteLine($"          {st.Dim("evidence:")} {e}");
            }
            foreach (var e in x.Events)
            {
                o.WriteLine($"          {st.Dim("logged:")} {e}");
            }
        }
        if (f.Count > 0)
        {
            // Sources stay out of the report so the answer to "what is wrong" fits on a screen; each finding's are a
            // command away, and in the JSON.
            o.WriteLine();
            o.WriteLine(st.Dim($"  Sources for each finding: 'rdscal explain {f[0].Code}' (any code), 'rdscal status --json', or docs/rules.md."));
        }
    }

    private static string SourceText(Style st, SettingSource source) => source switch
    {
        SettingSource.Policy => st.Cyan("from Group Policy"),
        SettingSource.Server => st.Cyan("from the server setting"),
        _ => st.Dim("not configured"),
    };

    private static void Line(TextWriter o, Style st, string label, string text) =>
        o.WriteLine($"  {st.Bold(label.PadRight(LabelWidth))}{text}");
}

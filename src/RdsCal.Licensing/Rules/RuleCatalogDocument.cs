using System.Text;

namespace RdsCal.Licensing.Rules;

/// <summary>
/// The rule catalogue as one Markdown page (docs/rules.md): every rule with its remedy, steps and sources, and
/// every event with its meaning, causes and sources, so a reviewer can check every claim in one place.
/// </summary>
public static class RuleCatalogDocument
{
    /// <summary>The page, with LF line ends.</summary>
    public static string Render()
    {
        var md = new StringBuilder();
        md.Append("# The rdscal rule catalogue\n\n");
        md.Append("Generated from `RuleCatalog` in `src/RdsCal.Licensing/Rules`; do not edit by hand. The test `RulesDocumentTests` fails when\n");
        md.Append("this page is stale; regenerate it with `RDSCAL_UPDATE_DOCS=1 dotnet test tests/RdsCal.Licensing.Tests --filter RulesDocument`.\n\n");
        md.Append("Each remedy names the machine it is carried out on. Each source says what it supports; `[M]` and `[L]` mark claims rated\n");
        md.Append("medium or low (unverified) in [sources.md](sources.md).\n\n");
        md.Append("| code | severity | applies to | detected offline | title |\n|---|---|---|---|---|\n");
        foreach (var r in RuleCatalog.All)
        {
            md.Append($"| [{r.Code}](#{Anchor(r)}) | {SeverityNames.Of(r.Severity)} | {RemedyTargets.Name(r.AppliesTo)} | {(r.DetectableOffline ? "yes" : "no (explain only)")} | {Cell(r.Title)} |\n");
        }
        foreach (var r in RuleCatalog.All)
        {
            md.Append($"\n## {r.Code}: {r.Title}\n\n");
            md.Append($"Severity **{SeverityNames.Of(r.Severity)}**; applies to the **{RemedyTargets.Name(r.AppliesTo)}**; {(r.DetectableOffline ? "detected by `rdscal status` from the registry" : "not visible in the registry (explain only)")}.\n\n");
            if (r.EventIds.Count > 0)
            {
                md.Append($"Events: {string.Join(", ", r.EventIds)}.\n\n");
            }
            foreach (string m in r.Messages)
            {
                md.Append($"- Message: \"{m}\"\n");
            }
            foreach (string m in r.ClientMessages)
            {
                md.Append($"- Shown by the connecting client: \"{m}\"\n");
            }
            if (r.Messages.Count + r.ClientMessages.Count > 0)
            {
                md.Append('\n');
            }
            if (r.HowToTell is { } tell)
            {
                md.Append($"How to tell it from the other causes: {tell}\n\n");
            }
            md.Append($"Remedy: {r.Remedy}\n\n");
            for (int i = 0; i < r.Steps.Count; i++)
            {
                md.Append($"{i + 1}. {r.Steps[i]}\n");
            }
            md.Append('\n');
            foreach (string p in r.Paths)
            {
                md.Append($"- Reads `{p}`\n");
            }
            if (r.Paths.Count > 0)
            {
                md.Append('\n');
            }
            md.Append("Sources:\n\n");
            foreach (var s in r.Sources)
            {
                md.Append($"- [{s.Title}]({s.Url}): {s.Note}\n");
            }
        }
        md.Append("\nThe events these rules explain, with Windows' message texts and their sources, are in [events.md](events.md).\n");
        return md.ToString();
    }

    internal static string Anchor(DiagnosticRule r)
    {
        string text = $"{r.Code}: {r.Title}".ToLowerInvariant();
        var anchor = new StringBuilder();
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c) || c == '-' || c == '_')
            {
                anchor.Append(c);
            }
            else if (c == ' ')
            {
                anchor.Append('-');
            }
        }
        return anchor.ToString();
    }

    internal static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

}

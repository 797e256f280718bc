using System.Text;
using RdsCal.Licensing.Rules;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests;

/// <summary>
/// docs/rules.md is the catalogue as generated here: a stale page fails. The generator lives with the tests, not in
/// the library, which ships no documentation tooling.
/// </summary>
public class RulesDocumentTests
{
    // The page quotes remedies as the command line words them, as it did before remedies became data.
    private static readonly RemedyWording Words = RdsCal.Cli.Output.CommandLineWording.Instance;

    /// <summary>The page, with LF line ends.</summary>
    internal static string Render()
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
            if (r.HowToTellText is { } tell)
            {
                md.Append($"How to tell it from the other causes: {tell.Word(Words)}\n\n");
            }
            md.Append($"Remedy: {r.RemedyText.Word(Words)}\n\n");
            var steps = r.StepTexts;
            for (int i = 0; i < steps.Count; i++)
            {
                md.Append($"{i + 1}. {steps[i].Word(Words)}\n");
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

    private static string Anchor(DiagnosticRule r)
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

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    [Fact]
    public void Docs_rules_md_is_generated_from_the_catalogue()
    {
        string path = Path.Combine(TestData.RepositoryRoot, "docs", "rules.md");
        string expected = Render();
        if (Environment.GetEnvironmentVariable("RDSCAL_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }
        Assert.True(File.Exists(path), $"{path} is missing: run with RDSCAL_UPDATE_DOCS=1 to generate it");
        string actual = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(expected == actual, "docs/rules.md is stale: regenerate it with RDSCAL_UPDATE_DOCS=1 dotnet test tests/RdsCal.Licensing.Tests --filter RulesDocument");
    }

    [Fact]
    public void The_page_lists_every_rule_with_its_sources()
    {
        string page = Render();
        foreach (var r in RuleCatalog.All)
        {
            Assert.Contains($"## {r.Code}: {r.Title}", page, StringComparison.Ordinal);
            Assert.All(r.Sources, s => Assert.Contains($"[{s.Title}]({s.Url})", page, StringComparison.Ordinal));
        }
    }
}

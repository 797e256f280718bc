using RdsCal.Licensing.Rules;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests;

/// <summary>docs/rules.md is the catalogue as generated: a stale page fails here.</summary>
public class RulesDocumentTests
{
    [Fact]
    public void Docs_rules_md_is_generated_from_the_catalogue()
    {
        string path = Path.Combine(TestData.RepositoryRoot, "docs", "rules.md");
        string expected = RuleCatalogDocument.Render();
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
        string page = RuleCatalogDocument.Render();
        foreach (var r in RuleCatalog.All)
        {
            Assert.Contains($"## {r.Code}: {r.Title}", page, StringComparison.Ordinal);
            Assert.All(r.Sources, s => Assert.Contains($"[{s.Title}]({s.Url})", page, StringComparison.Ordinal));
        }
    }
}

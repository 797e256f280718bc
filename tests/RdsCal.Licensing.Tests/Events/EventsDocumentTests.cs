using System.Text;
using RdsCal.Licensing.Events;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests;

/// <summary>
/// docs/events.md is the event catalogue as generated here (the generator lives with the tests, not in the library, which
/// ships no documentation tooling): a stale page fails.
/// </summary>
public class EventsDocumentTests
{
    internal static string Render()
    {
        var md = new StringBuilder();
        md.Append("# The licensing events rdscal explains\n\n");
        md.Append("Generated from `EventCatalog` in `src/RdsCal.Licensing/Events`; do not edit by hand. Regenerate with\n");
        md.Append("`RDSCAL_UPDATE_DOCS=1 dotnet test tests/RdsCal.Licensing.Tests --filter EventsDocument`.\n\n");
        md.Append("Windows Server 2016 and older log the session host's licensing warnings as classic events (1128, qualifiers 0xC000,\n");
        md.Append("source TermService, System log); from build 17134 (Windows Server 2019 on) the same messages are logged as\n");
        md.Append("0xC000 plus the old id (50280 = 0xC000 + 1128) in the RemoteConnectionManager Admin channel. rdscal matches a record\n");
        md.Append("on its provider and id and knows both numberings. The rules are in [rules.md](rules.md); ratings in [sources.md](sources.md).\n\n");
        md.Append("| event | logged on | log | versions | rules |\n|---|---|---|---|---|\n");
        foreach (var e in EventCatalog.All)
        {
            var rules = EventCatalog.Rules(e).Select(r => r.Code.ToString());
            md.Append(CultureInfoInvariant($"| [{e.Id}](#event-{e.Id}) | {RdsCal.Licensing.Rules.RemedyTargets.Name(e.LoggedOn)} | {e.Channel} | {e.EraText} | {string.Join(", ", rules)} |\n"));
        }
        foreach (var e in EventCatalog.All)
        {
            md.Append(CultureInfoInvariant($"\n## Event {e.Id}\n\nProvider `{e.Provider}`"));
            if (e.EventSourceName is { } source)
            {
                md.Append($" (event source `{source}`)");
            }
            md.Append($", log `{e.Channel}`");
            if (e.Qualifiers is { } q)
            {
                md.Append(CultureInfoInvariant($", qualifiers 0x{q:X4}"));
            }
            md.Append(e.Level is { } level ? $", level {level}" : string.Empty).Append($"; {e.EraText}.\n\n");
            md.Append(e.Message is { } message ? $"Windows says: \"{message}\"\n\n" : "No source gives the message text.\n\n");
            md.Append($"{e.Meaning}\n\nSources:\n\n");
            foreach (var s in e.Sources)
            {
                md.Append($"- [{s.Title}]({s.Url}): {s.Note}\n");
            }
        }
        return md.ToString();
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);

    [Fact]
    public void Docs_events_md_is_generated_from_the_catalogue()
    {
        string path = Path.Combine(TestData.RepositoryRoot, "docs", "events.md");
        string expected = Render();
        if (Environment.GetEnvironmentVariable("RDSCAL_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }
        Assert.True(File.Exists(path), $"{path} is missing: run with RDSCAL_UPDATE_DOCS=1 to generate it");
        string actual = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(expected == actual, "docs/events.md is stale: regenerate it with RDSCAL_UPDATE_DOCS=1 dotnet test tests/RdsCal.Licensing.Tests --filter EventsDocument");
    }
}

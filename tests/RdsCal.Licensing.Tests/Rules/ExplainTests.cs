using System.Text.RegularExpressions;
using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Tests;

public class ExplainTests
{
    public static TheoryData<string, RuleCode> Mappings => new()
    {
        { "1069", RuleCode.ModeNotConfigured },
        { "1130", RuleCode.NoLicenseServer },
        { "1003", RuleCode.ClientHardwareId },
        { "1003", RuleCode.CertificateValues },
        { "1004", RuleCode.CertificateValues },
        { "1004", RuleCode.NoCalsForMode },
        { "1028", RuleCode.LicenseServerUnreachable },
        { "1028", RuleCode.NoCalsForMode },
        { "4105", RuleCode.PerUserAdAttributes },
        { "4141", RuleCode.LicenseServerSecurityGroup },
        { "no Remote Desktop License Servers available", RuleCode.NoLicenseServer },
        { "The remote session was disconnected because there are no Remote Desktop License Servers available to provide a license.", RuleCode.NoLicenseServer },
        { "client access license could not be upgraded or renewed", RuleCode.LicenseServerUnreachable },
        { "An Error occurred in the Licensing Protocol", RuleCode.ClientHardwareId },
        { "error occurred in the licensing protocol", RuleCode.CertificateValues },
        { "rds006", RuleCode.LegacyServerShapes },
        { "RDS021", RuleCode.NoCalsForMode },
    };

    [Theory]
    [MemberData(nameof(Mappings))]
    public void Finds_the_rules_that_explain_an_event_or_message(string query, RuleCode code) =>
        Assert.Contains(RuleCatalog.Explain(query), r => r.Code == code);

    [Fact]
    public void Event_1128_lists_each_cause_with_how_to_tell_them_apart()
    {
        var causes = RuleCatalog.Explain("1128").Select(r => r.Code).ToList();
        Assert.Equal([RuleCode.NoLicenseServer, RuleCode.LicenseServerUnreachable, RuleCode.LicenseServerNotActivated, RuleCode.NoCalsForMode], causes);
        Assert.All(RuleCatalog.Explain("1128"), r => Assert.False(string.IsNullOrWhiteSpace(r.HowToTell)));
        Assert.Equal(4, RuleCatalog.Explain("1128").Select(r => r.HowToTell).Distinct().Count());
        Assert.NotNull(KnownEvents.Find(1128));
    }

    [Theory]
    [InlineData("License server lic01.contoso.com is not available")]
    [InlineData("License server is not available")]
    public void The_license_server_not_available_message_maps_to_all_four_causes(string message) =>
        Assert.Equal([RuleCode.NoLicenseServer, RuleCode.LicenseServerUnreachable, RuleCode.LicenseServerNotActivated, RuleCode.NoCalsForMode],
            RuleCatalog.Explain(message).Select(r => r.Code).ToList());

    [Fact]
    public void Event_1028_is_not_explained_by_a_client_cache_reset() =>
        Assert.DoesNotContain(RuleCatalog.Explain("1028"), r => r.AppliesTo == RemedyTarget.ConnectingClient);

    [Fact]
    public void The_invented_trial_period_text_is_not_presented_as_a_windows_message()
    {
        Assert.Empty(RuleCatalog.Explain("The Remote Desktop trial period has expired"));
        Assert.DoesNotContain(RuleCatalog.All, r => r.Messages.Any(m => m.Contains("trial period", StringComparison.OrdinalIgnoreCase)));
        var note = InventedMessages.Find("The Remote Desktop trial period has expired");
        Assert.NotNull(note);
        Assert.StartsWith("This is not a Windows message", note.Value.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Unrelated_text_matches_nothing() => Assert.Empty(RuleCatalog.Explain("the printer is out of paper"));

    [Fact]
    public void Every_declared_code_has_exactly_one_rule_and_every_rule_a_declared_code()
    {
        Assert.Equal(RuleCode.All, RuleCatalog.All.Select(r => r.Code));
        Assert.Equal(RuleCode.All.Count, RuleCode.All.Distinct().Count());
        Assert.All(RuleCatalog.All, r => Assert.Matches("^RDS[0-9]{3}$", r.Code.ToString()));
    }

    [Fact]
    public void Every_rule_has_steps_a_remedy_naming_its_machine_and_sources()
    {
        Assert.All(RuleCatalog.All, r =>
        {
            Assert.NotEmpty(r.Steps);
            Assert.StartsWith(RemedyTargets.Prefix(r.AppliesTo), r.Remedy, StringComparison.Ordinal);
            Assert.NotEmpty(r.Sources);
            Assert.All(r.Sources, s =>
            {
                Assert.False(string.IsNullOrWhiteSpace(s.Title));
                Assert.False(string.IsNullOrWhiteSpace(s.Note));
                Assert.True(s.Url.StartsWith("https://", StringComparison.Ordinal) || s.Url.StartsWith("../shared/docs/", StringComparison.Ordinal), s.Url);
            });
        });
    }

    [Fact]
    public void Every_source_of_a_rule_or_event_is_a_page_address_not_a_search()
    {
        var sources = RuleCatalog.All.SelectMany(r => r.Sources).Concat(KnownEvents.All.SelectMany(e => e.Sources)).ToList();
        Assert.All(sources, s =>
        {
            Assert.DoesNotContain("/search", s.Url, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("?terms=", s.Url, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Contains(sources, s => s.Url == "https://learn.microsoft.com/troubleshoot/windows-server/remote/troubleshoot-rds-licensing-guidance");
        Assert.Contains(sources, s => s.Url == "https://learn.microsoft.com/windows-server/remote/remote-desktop-services/use-multiple-remote-desktop-license-servers");
    }

    [Fact]
    public void Every_client_reset_in_a_remedy_or_step_names_the_connecting_client()
    {
        foreach (var r in RuleCatalog.All)
        {
            foreach (string text in r.Steps.Append(r.Remedy))
            {
                if (text.Contains("rdscal client reset", StringComparison.Ordinal))
                {
                    Assert.True(text.Contains("connecting client", StringComparison.Ordinal) || (r.AppliesTo == RemedyTarget.ConnectingClient && text == r.Remedy),
                        $"{r.Code}: '{text}' does not say the reset is on the connecting client");
                }
            }
        }
    }

    [Fact]
    public void Every_rule_reference_in_any_text_names_a_rule_in_the_catalogue()
    {
        var codes = RuleCatalog.All.Select(r => r.Code.ToString()).ToHashSet();
        var texts = RuleCatalog.All.SelectMany(r => new[] { r.Title, r.Remedy, r.HowToTell ?? string.Empty }.Concat(r.Steps).Concat(r.Sources.Select(s => s.Note)))
            .Concat(KnownEvents.All.Select(e => e.Meaning));
        foreach (string text in texts)
        {
            foreach (Match m in Regex.Matches(text, "RDS[0-9]{3}"))
            {
                Assert.Contains(m.Value, codes);
            }
        }
    }

    [Fact]
    public void The_no_server_rule_points_at_the_legacy_shapes_rule()
    {
        var m = TestMachine.SessionHost().Mode(2);
        m.ControlSet.CreateSubkeyPath(LicensingPaths.LicenseServers + @"\lic-old");
        var finding = Assert.Single(new NoLicenseServerRule().Evaluate(m.Snapshot()));
        Assert.Contains($"see {RuleCode.LegacyServerShapes}", finding.Message, StringComparison.Ordinal);
        Assert.Equal("RDS006", RuleCode.LegacyServerShapes.ToString());
        Assert.Equal(typeof(LegacyServerShapesRule), RuleCatalog.Get(RuleCode.LegacyServerShapes).GetType());
    }

    [Fact]
    public void Every_event_a_rule_lists_is_a_known_event_with_sources()
    {
        var listed = RuleCatalog.All.SelectMany(r => r.EventIds).Distinct().Order().ToList();
        Assert.Equal(listed, KnownEvents.All.Select(e => e.Id).Order().ToList());
        Assert.All(KnownEvents.All, e => Assert.NotEmpty(e.Sources));
    }
}

using System.Text.RegularExpressions;
using RdsCal.Licensing.Events;
using RdsCal.Licensing.Rules;
using RdsCal.Registry;
using RdsCal.Tests;

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
        { "Client Access License stored by the client could not be upgraded or renewed", RuleCode.LicenseServerUnreachable },
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
        Assert.NotNull(EventCatalog.Find(1128));
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
        Assert.StartsWith("This is not a Windows message", note.Value.Explanation.ToString(), StringComparison.Ordinal);
        Assert.Equal(RemedyKind.Explain, Assert.Single(note.Value.Explanation.Mentions).Actions[0].Kind);
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
                AssertOpenable(s);
            });
        });
    }

    [Fact]
    public void Every_source_of_a_rule_or_event_is_a_page_address_not_a_search()
    {
        var sources = RuleCatalog.All.SelectMany(r => r.Sources).Concat(EventCatalog.All.SelectMany(e => e.Sources)).ToList();
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
            .Concat(EventCatalog.All.Select(e => e.Meaning));
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
        Assert.All(listed, id => Assert.NotNull(EventCatalog.Find(id)));
        Assert.All(EventCatalog.All, e => Assert.NotEmpty(e.Sources));
        Assert.All(EventCatalog.All.SelectMany(e => e.Sources), AssertOpenable);
        Assert.Equal(EventCatalog.All.Count, EventCatalog.All.Select(e => e.Id).Distinct().Count());
    }

    /// <summary>A source a user can open: a web page, or a document inside this repository whose section exists.</summary>
    private static void AssertOpenable(RuleSource s)
    {
        if (s.Url.StartsWith("https://", StringComparison.Ordinal))
        {
            return;
        }
        Assert.StartsWith("docs/", s.Url, StringComparison.Ordinal);
        string[] parts = s.Url.Split('#', 2);
        string path = Path.Combine(TestData.RepositoryRoot, parts[0]);
        Assert.True(File.Exists(path), $"{s.Url}: no such document in the repository");
        if (parts.Length == 2)
        {
            Assert.Contains($"\n## {parts[1]}\n", File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    public static TheoryData<int, int> IdPairs => new()
    {
        { 1128, 50280 }, { 1129, 50281 }, { 1130, 50282 }, { 1131, 50283 }, { 1132, 50284 }, { 1133, 50285 }, { 1028, 50180 }, { 1043, 50195 }, { 1061, 50213 },
    };

    [Theory]
    [MemberData(nameof(IdPairs))]
    public void The_build_17134_ids_are_0xC000_plus_the_old_ones_and_explain_the_same(int classic, int modern)
    {
        Assert.Equal(0xC000 + classic, modern);
        var old = EventCatalog.Find(classic)!;
        var now = EventCatalog.Find(modern)!;
        Assert.Equal((old.Message, old.Meaning, EventEra.BeforeBuild17134, 0xC000, EventCatalog.System, "TermService"), (now.Message, now.Meaning, old.Era, old.Qualifiers, old.Channel, old.EventSourceName));
        Assert.Equal((EventEra.Build17134AndLater, (int?)classic, EventCatalog.RcmAdmin, (int?)null), (now.Era, now.SameMessageAs, now.Channel, now.Qualifiers));
        Assert.Equal(RuleCatalog.Explain(classic.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(r => r.Code), RuleCatalog.Explain(modern.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(r => r.Code));
        Assert.Equal(EventCatalog.Rules(old), EventCatalog.Rules(now));
        Assert.All(now.Sources, s => Assert.DoesNotContain("technet.microsoft.com", s.Url, StringComparison.Ordinal));
    }

    [Fact]
    public void Event_50282_is_no_license_server_specified_with_windows_text_and_correct_arithmetic()
    {
        var e = EventCatalog.Find(EventCatalog.RcmProvider, 50282)!;
        Assert.Equal([RuleCode.NoLicenseServer], RuleCatalog.Explain("50282").Select(r => r.Code));
        Assert.StartsWith("The Remote Desktop Session Host server does not have a Remote Desktop license server specified.", e.Message, StringComparison.Ordinal);
        Assert.Equal("Warning", e.Level);
        var notes = EventCatalog.All.SelectMany(x => x.Sources).Select(x => x.Note).ToList();
        Assert.Contains(notes, n => n.Contains("0xC46A = 0xC000 + 0x046A", StringComparison.Ordinal));
        Assert.DoesNotContain(notes, n => n.Contains("low 16 bits", StringComparison.Ordinal));
        Assert.Null(EventCatalog.Find("Microsoft-Windows-Some-Other-Provider", 50282));
    }

    [Fact]
    public void Events_render_their_insertion_strings_as_event_viewer_does()
    {
        var e = EventCatalog.Find(1131)!;
        Assert.StartsWith("The Remote Desktop Session Host server could not contact the Remote Desktop license server lic01.corp. Ensure",
            e.Render(["lic01.corp"]), StringComparison.Ordinal);
        Assert.Contains("%1", e.Render([]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Licensing timed out")]
    [InlineData("No Remote Desktop license server is available")]
    public void Texts_no_source_gives_are_not_matched_as_windows_words(string text)
    {
        Assert.DoesNotContain(RuleCatalog.All.SelectMany(r => r.Messages.Concat(r.ClientMessages)), m => m.Contains(text, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("The Remote Desktop Session Host server cannot issue a client license.")]
    [InlineData("The remote desktop client 'PC01' has provided an invalid license.")]
    public void The_real_1003_and_1004_texts_reach_the_certificate_reset(string text) =>
        Assert.Contains(RuleCatalog.Explain(text), r => r.Code == RuleCode.CertificateValues);

    [Fact]
    public void Client_side_texts_are_said_as_shown_by_the_connecting_client_with_the_protocol_spec_as_source()
    {
        var rules = RuleCatalog.All.Where(r => r.ClientMessages.Count > 0).ToList();
        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.Contains(r.Sources, s => s.Url.Contains("ms-rdpbcgr", StringComparison.Ordinal) || s.Url.Contains("cannot-connect-rds-no-license-server", StringComparison.Ordinal)));
        Assert.Contains(RuleCatalog.Explain("The Client Access License stored by the client could not be upgraded or renewed."), r => r.Code == RuleCode.LicenseServerUnreachable);
    }

    [Fact]
    public void The_security_group_rule_names_the_current_and_the_older_group()
    {
        var rule = RuleCatalog.Get(RuleCode.LicenseServerSecurityGroup);
        Assert.Contains("RDS Endpoint Servers", rule.Remedy, StringComparison.Ordinal);
        Assert.Contains("Terminal Server Computers", rule.Remedy, StringComparison.Ordinal);
        Assert.Contains("domain member", rule.Remedy, StringComparison.Ordinal);
        Assert.Contains(rule.Sources, s => s.Url.Contains("policy-csp-admx-terminalserver", StringComparison.Ordinal));
        Assert.Contains(RuleCatalog.Explain("50195"), r => r.Code == RuleCode.LicenseServerSecurityGroup);
    }
}

public class AadPerUserModeTests
{
    [Fact]
    public void Mode_6_without_a_license_server_is_not_told_it_will_be_refused_cals()
    {
        var snapshot = TestMachine.SessionHost().Mode(5).Policy(RegistryValue.FromDWord("LicensingMode", 6)).Snapshot();
        var codes = RuleCatalog.Diagnose(snapshot).Select(f => f.Code).ToList();
        Assert.DoesNotContain(RuleCode.NoLicenseServer.ToString(), codes);
        Assert.DoesNotContain(RuleCode.ModeNotConfigured.ToString(), codes);
        var finding = Assert.Single(RuleCatalog.Diagnose(snapshot), f => f.Code == RuleCode.AadPerUserMode.ToString());
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Contains("Microsoft Entra ID", finding.Message, StringComparison.Ordinal);
        Assert.Contains("does not need one", finding.Message, StringComparison.Ordinal);
        Assert.False(LicensingMode.AadPerUser.NeedsLicenseServer());
    }

    [Fact]
    public void Mode_6_cites_the_administrative_template_and_marks_what_is_unverified()
    {
        var rule = RuleCatalog.Get(RuleCode.AadPerUserMode);
        Assert.Contains(rule.Sources, s => s.Url.Contains("policy-csp-admx-terminalserver", StringComparison.Ordinal) && s.Note.Contains("service plan that supports RDS licenses assigned in AAD", StringComparison.Ordinal));
        Assert.Contains(rule.Steps, s => s.Contains("unverified", StringComparison.Ordinal));
        Assert.Equal([RuleCode.AadPerUserMode], RuleCatalog.Explain("50215").Select(r => r.Code));
    }

    [Fact]
    public void Per_user_and_per_device_without_a_server_still_need_one()
    {
        foreach (uint mode in new uint[] { 2, 4 })
        {
            Assert.Contains(RuleCatalog.Diagnose(TestMachine.SessionHost().Mode(mode).Snapshot()), f => f.Code == RuleCode.NoLicenseServer.ToString());
        }
    }
}

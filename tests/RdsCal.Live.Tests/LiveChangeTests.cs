using System.Text.Json;

namespace RdsCal.Live.Tests;

/// <summary>
/// set-mode and set-servers against Wine's live registry, with and without a governing policy, their --what-if,
/// history and undo; every result read back with reg.exe. Wine has no Terminal Services WMI provider, so the
/// WMI follow-up must report that the running service did not take the change.
/// </summary>
[Trait("Category", "Wine")]
[Trait("Category", "Slow")]
public sealed class LiveChangeTests(WinePrefix wine) : IClassFixture<WinePrefix>
{
    private const string NotTaken = "note: the registry changed but the running service did not take it: ";

    [WineFact]
    public void Set_mode_writes_the_server_setting_reports_the_WMI_failure_and_undo_restores_every_byte()
    {
        wine.Seed("unconfigured");
        byte[] before = wine.Export(LiveKeys.TerminalServer);
        string journal = wine.NewJournal();

        string output = wine.Succeeds("set-mode", "per-device", "--journal", journal);
        Assert.Equal("REG_DWORD 0x2", wine.Query(LiveKeys.LicensingCore, "LicensingMode"));
        Assert.Contains(NotTaken, output, StringComparison.Ordinal);
        Assert.Contains("the change takes effect after a TermService restart or a reboot", output, StringComparison.Ordinal);
        Assert.DoesNotContain("the running service took the change", output, StringComparison.Ordinal);

        using (var doc = JsonDocument.Parse(wine.Succeeds("history", "--json", "--journal", journal)))
        {
            var entry = Assert.Single(doc.RootElement.EnumerateArray());
            Assert.Equal("applied", entry.GetProperty("status").GetString());
            var update = entry.GetProperty("serviceUpdate");
            Assert.Equal("ChangeMode", update.GetProperty("method").GetString());
            Assert.False(update.GetProperty("taken").GetBoolean());
            Assert.NotEqual("taken", update.GetProperty("status").GetString());
        }

        wine.UndoRestores(journal, LiveKeys.TerminalServer, before);
        Assert.Equal("REG_DWORD 0x5", wine.Query(LiveKeys.LicensingCore, "LicensingMode"));

        var listed = wine.Rdscal("history", "--journal", journal);
        Assert.Contains("undone by", listed.Out, StringComparison.Ordinal);
        Assert.Contains("undo of", listed.Out, StringComparison.Ordinal);
    }

    [WineFact]
    public void Set_servers_writes_SpecifiedLicenseServers_and_undo_restores_every_byte()
    {
        wine.Seed("unconfigured");
        byte[] before = wine.Export(LiveKeys.TermServiceParameters);
        string journal = wine.NewJournal();

        string output = wine.Succeeds("set-servers", "lic01.contoso.com", "lic02.contoso.com", "--journal", journal);
        Assert.Equal(@"REG_MULTI_SZ lic01.contoso.com\0lic02.contoso.com", wine.Query(LiveKeys.LicenseServers, "SpecifiedLicenseServers"));
        Assert.Contains(NotTaken, output, StringComparison.Ordinal);
        Assert.DoesNotContain("the running service took the change", output, StringComparison.Ordinal);

        wine.UndoRestores(journal, LiveKeys.TermServiceParameters, before);
        Assert.Null(wine.Query(LiveKeys.LicenseServers, "SpecifiedLicenseServers"));
    }

    /// <summary>Each changing command under a governing policy, the server-side key it must leave alone, and what the policy holds after it.</summary>
    public static TheoryData<string[], string, string, string> UnderPolicy => new()
    {
        { ["set-mode", "per-device"], LiveKeys.TerminalServer, "LicensingMode", "REG_DWORD 0x2" },
        { ["set-servers", "lic09.contoso.com"], LiveKeys.TermServiceParameters, "LicenseServers", "REG_SZ lic09.contoso.com" },
    };

    [WineTheory]
    [MemberData(nameof(UnderPolicy))]
    public void Under_policy_a_change_is_refused_without_policy_and_changes_only_the_policy_with_it(string[] command, string serverKey, string policyValue, string expected)
    {
        wine.Seed("policy-overrides");
        byte[] policy = wine.Export(LiveKeys.Policy);
        byte[] server = wine.Export(serverKey);
        string journal = wine.NewJournal();

        var refused = wine.Rdscal([.. command, "--journal", journal]);
        Assert.Equal(7, refused.Exit);
        Assert.Equal(policy, wine.Export(LiveKeys.Policy));
        Assert.Equal(server, wine.Export(serverKey));

        string output = wine.Succeeds([.. command, "--policy", "--journal", journal]);
        Assert.Equal(expected, wine.Query(LiveKeys.Policy, policyValue));
        Assert.Equal(server, wine.Export(serverKey));
        Assert.DoesNotContain("the running service took the change", output, StringComparison.Ordinal);

        wine.UndoRestores(journal, LiveKeys.Policy, policy);
    }

    [WineFact]
    public void What_if_changes_nothing_for_set_mode_and_set_servers()
    {
        wine.Seed("policy-overrides");
        byte[] server = wine.Export(LiveKeys.TerminalServer);
        byte[] parameters = wine.Export(LiveKeys.TermServiceParameters);
        byte[] policy = wine.Export(LiveKeys.Policy);
        string journalFolder = wine.NewFolder("journal");
        string journal = Wine.WindowsPath(Path.Combine(journalFolder, "journal.jsonl"));

        foreach (string[] args in new[]
        {
            new[] { "set-mode", "per-device", "--policy" },
            ["set-servers", "lic09.contoso.com", "--policy"],
            ["set-servers", "lic09.contoso.com", "--policy", "--remove-legacy"],
        })
        {
            var (exit, output, err) = wine.Rdscal([.. args, "--what-if", "--journal", journal]);
            Assert.True(exit == 0, $"{string.Join(' ', args)}: {err}");
            Assert.EndsWith("what-if: nothing was changed", output.TrimEnd(), StringComparison.Ordinal);
        }
        Assert.Equal(server, wine.Export(LiveKeys.TerminalServer));
        Assert.Equal(parameters, wine.Export(LiveKeys.TermServiceParameters));
        Assert.Equal(policy, wine.Export(LiveKeys.Policy));
        Assert.False(File.Exists(Path.Combine(journalFolder, "journal.jsonl")));
    }

    [WineFact]
    public void Undo_refuses_when_another_writer_changed_the_value_and_changes_nothing()
    {
        wine.Seed("unconfigured");
        string journal = wine.NewJournal();
        wine.Succeeds("set-mode", "per-user", "--journal", journal);
        // Another writer (here reg.exe) changes the value after rdscal did.
        Assert.Equal(0, wine.Reg("add", LiveKeys.LicensingCore, "/v", "LicensingMode", "/t", "REG_DWORD", "/d", "2", "/f").Exit);
        byte[] drifted = wine.Export(LiveKeys.TerminalServer);

        var (exit, _, err) = wine.Rdscal("undo", "--last", "--journal", journal);
        Assert.Equal(7, exit);
        Assert.Contains("LicensingMode", err, StringComparison.Ordinal);
        Assert.Equal(drifted, wine.Export(LiveKeys.TerminalServer));
    }
}

using System.Text.Json;

namespace RdsCal.Live.Tests;

/// <summary><c>status</c> against Wine's live registry, and the live states rdscal must describe without changing anything.</summary>
[Trait("Category", "Wine")]
[Trait("Category", "Slow")]
public sealed class LiveStatusTests(WinePrefix wine) : IClassFixture<WinePrefix>
{
    [WineFact]
    public void Status_reads_the_live_policy_and_server_settings()
    {
        wine.Seed("policy-overrides");
        string output = wine.Succeeds("status");
        Assert.Contains("SYSTEM           live", output, StringComparison.Ordinal);
        Assert.Contains("Control set      CurrentControlSet", output, StringComparison.Ordinal);
        Assert.Contains(@"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\LicensingMode", output, StringComparison.Ordinal);
        Assert.Equal("REG_DWORD 0x4", wine.Query(LiveKeys.Policy, "LicensingMode"));
    }

    [WineFact]
    public void Status_json_matches_what_reg_query_reads()
    {
        wine.Seed("policy-overrides");
        string output = wine.Succeeds("status", "--json");
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("live").GetBoolean());
        Assert.Equal("CurrentControlSet", root.GetProperty("controlSet").GetString());
        var mode = root.GetProperty("licensingMode");
        Assert.Equal("PerUser", mode.GetProperty("effective").GetString());
        Assert.Equal("policy", mode.GetProperty("source").GetString());
        Assert.Equal(2, mode.GetProperty("shadowed").GetProperty("raw").GetInt32());
        Assert.Equal("REG_DWORD 0x4", wine.Query(LiveKeys.Policy, "LicensingMode"));
        Assert.Equal("REG_DWORD 0x2", wine.Query(LiveKeys.LicensingCore, "LicensingMode"));
        var servers = root.GetProperty("licenseServers").GetProperty("effective").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["lic01.contoso.com", "lic02.contoso.com"], servers);
        Assert.Equal("REG_SZ lic01.contoso.com,lic02.contoso.com", wine.Query(LiveKeys.Policy, "LicenseServers"));
    }

    [WineFact]
    public void A_mode_stored_as_text_is_flagged_without_a_change_and_set_mode_rewrites_it_undoably()
    {
        wine.Seed("unconfigured");
        Assert.Equal(0, wine.Reg("add", LiveKeys.LicensingCore, "/v", "LicensingMode", "/t", "REG_SZ", "/d", "4", "/f").Exit);
        byte[] before = wine.Export(LiveKeys.TerminalServer);

        string status = wine.Succeeds("status");
        Assert.Contains(@"HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server\RCM\Licensing Core\LicensingMode is REG_SZ", status, StringComparison.Ordinal);
        Assert.Equal(before, wine.Export(LiveKeys.TerminalServer));

        string journal = wine.NewJournal();
        string set = wine.Succeeds("set-mode", "per-user", "--journal", journal);
        Assert.Contains("LicensingMode: REG_SZ 4 -> REG_DWORD 0x00000004 (4)", set, StringComparison.Ordinal);
        Assert.Equal("REG_DWORD 0x4", wine.Query(LiveKeys.LicensingCore, "LicensingMode"));

        wine.UndoRestores(journal, LiveKeys.TerminalServer, before);
        Assert.Equal("REG_SZ 4", wine.Query(LiveKeys.LicensingCore, "LicensingMode"));
    }

    [WineFact]
    public void A_registry_without_ProductOptions_is_reported_and_left_as_it_is()
    {
        wine.Seed("unconfigured");
        Assert.Equal(0, wine.Reg("delete", LiveKeys.ProductOptions, "/f").Exit);
        Assert.False(wine.KeyExists(LiveKeys.ProductOptions));
        var (exit, output, err) = wine.Rdscal("status");
        Assert.True(exit == 0, err);
        Assert.Equal(string.Empty, err);
        Assert.Contains(@"ProductType missing (no Control\ProductOptions)", output, StringComparison.Ordinal);
        Assert.False(wine.KeyExists(LiveKeys.ProductOptions));
    }

    [WineFact]
    public void Events_with_no_file_say_the_event_log_cannot_be_read_never_no_events()
    {
        // Wine stubs the event log service (wevtapi): rdscal must say it read nothing, with a non-zero exit.
        var (exit, output, err) = wine.Rdscal("events");
        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("licensing event(s)", output, StringComparison.Ordinal);
        Assert.Contains("rdscal: error: cannot read the event log: ", err, StringComparison.Ordinal);
    }

    [WineFact]
    public void An_export_whose_reader_closes_the_pipe_ends_quietly_and_non_zero_never_0_with_its_output_cut()
    {
        // The Windows console stream drops ERROR_NO_DATA and ERROR_BROKEN_PIPE; rdscal writes a pipe through its handle.
        string hive = Path.Combine(wine.NewFolder("pipe"), "SYSTEM");
        File.WriteAllBytes(hive, RdsCal.Tests.TestData.Bytes(RdsCal.Tests.TestData.Real("regipy", "SYSTEM.gz")));

        var whole = wine.RdscalIntoPipe(null, "export", Wine.WindowsPath(hive));
        Assert.True(whole.Exit == 0, whole.Err);
        Assert.True(long.Parse(whole.Out.Trim(), System.Globalization.CultureInfo.InvariantCulture) > 1_000_000, whole.Out);

        var cut = wine.RdscalIntoPipe(100, "export", Wine.WindowsPath(hive));
        Assert.Equal("100", cut.Out.Trim());
        Assert.Equal(141, cut.Exit);
        Assert.Equal(string.Empty, cut.Err);
    }

    [WineFact]
    public void Live_status_says_in_one_note_that_the_event_log_could_not_be_read_and_keeps_its_findings_and_exit()
    {
        // Live status reads the last 30 days of the event log by default; Wine stubs the service, so the report must
        // say it read nothing, and findings and exit code must be the registry's, as with no event log at all.
        wine.Seed("unconfigured");
        var (exit, text, _) = wine.Rdscal("status", "--fail-on", "error");
        Assert.Equal(3, exit);
        string note = Assert.Single(text.Split('\n'), l => l.Contains("Event log", StringComparison.Ordinal));
        Assert.Contains("the event log could not be read (", note, StringComparison.Ordinal);
        Assert.Contains("the findings are the registry's alone", note, StringComparison.Ordinal);
        Assert.DoesNotContain("licensing event(s)", text, StringComparison.Ordinal);

        using var doc = System.Text.Json.JsonDocument.Parse(wine.Succeeds("status", "--json"));
        var log = doc.RootElement.GetProperty("eventLog");
        Assert.Equal(("live", false), (log.GetProperty("from").GetString(), log.GetProperty("read").GetBoolean()));
        Assert.False(string.IsNullOrEmpty(log.GetProperty("unavailable").GetString()));
        var codes = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
        Assert.Contains("RDS001", codes);
        Assert.DoesNotContain("RDS023", codes);
        Assert.DoesNotContain("RDS024", codes);
        Assert.All(doc.RootElement.GetProperty("findings").EnumerateArray(), f => Assert.Empty(f.GetProperty("events").EnumerateArray()));
    }

    [WineFact]
    public void Probe_reports_every_wmi_check_unavailable_under_wine_never_ok()
    {
        var (_, output, _) = wine.Rdscal("probe", "--server", "localhost", "--timeout", "1");
        foreach (string check in new[] { "connectivity", "activation", "cals", "groups", "cals-match" })
        {
            string row = output.Split('\n').Single(l => l.TrimStart().StartsWith(check + " ", StringComparison.Ordinal));
            Assert.Contains(" unavailable ", row, StringComparison.Ordinal);
        }
    }
}

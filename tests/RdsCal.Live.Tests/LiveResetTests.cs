namespace RdsCal.Live.Tests;

/// <summary>
/// grace, client and cert reset, backup and restore against Wine's live registry, their --what-if, and the
/// refusal when the journal folder cannot be written; every result read back with reg.exe.
/// </summary>
[Trait("Category", "Wine")]
[Trait("Category", "Slow")]
public sealed class LiveResetTests(WinePrefix wine) : IClassFixture<WinePrefix>
{
    [WineFact]
    public void Grace_reset_deletes_the_timebomb_through_backup_restore_keeping_owner_and_DACL()
    {
        wine.Seed("unconfigured");
        byte[] before = wine.Export(LiveKeys.GracePeriod);
        Assert.StartsWith("REG_BINARY 01000000", wine.Query(LiveKeys.GracePeriod, LiveKeys.Timebomb), StringComparison.Ordinal);
        string journal = wine.NewJournal();

        string output = wine.Succeeds("grace", "reset", "--lab", "--journal", journal);
        Assert.Null(wine.Query(LiveKeys.GracePeriod, LiveKeys.Timebomb));
        Assert.True(wine.KeyExists(LiveKeys.GracePeriod));
        Assert.Contains(@"HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server\RCM\GracePeriod: written with backup/restore privileges; owner and DACL read before and after", output, StringComparison.Ordinal);
        Assert.Contains("identical", output, StringComparison.Ordinal);

        wine.UndoRestores(journal, LiveKeys.GracePeriod, before);
    }

    [WineFact]
    public void Grace_reset_without_a_license_server_refuses_unless_lab()
    {
        wine.Seed("unconfigured");
        byte[] before = wine.Export(LiveKeys.GracePeriod);
        var (exit, _, err) = wine.Rdscal("grace", "reset", "--journal", wine.NewJournal());
        Assert.Equal(7, exit);
        Assert.StartsWith("rdscal: error: ", err, StringComparison.Ordinal);
        Assert.Equal(before, wine.Export(LiveKeys.GracePeriod));
    }

    [WineFact]
    public void Client_reset_deletes_MSLicensing_and_undo_restores_every_byte()
    {
        wine.Seed("client-store");
        byte[] before = wine.Export(LiveKeys.MsLicensing);
        Assert.NotEmpty(before);
        string journal = wine.NewJournal();

        wine.Succeeds("client", "reset", "--journal", journal);
        Assert.False(wine.KeyExists(LiveKeys.MsLicensing));

        wine.UndoRestores(journal, LiveKeys.MsLicensing, before);
    }

    [WineFact]
    public void Cert_reset_deletes_the_RCM_certificates_and_undo_restores_every_byte()
    {
        wine.Seed("healthy-peruser");
        byte[] before = wine.Export(LiveKeys.Rcm);
        Assert.NotNull(wine.Query(LiveKeys.Rcm, "X509 Certificate"));
        string journal = wine.NewJournal();

        wine.Succeeds("cert", "reset", "--journal", journal);
        Assert.Null(wine.Query(LiveKeys.Rcm, "X509 Certificate"));
        Assert.Null(wine.Query(LiveKeys.Rcm, "Certificate"));

        wine.UndoRestores(journal, LiveKeys.Rcm, before);
    }

    [WineFact]
    public void Backup_then_restore_brings_a_changed_host_back_byte_for_byte()
    {
        wine.Seed("healthy-peruser");
        byte[] before = wine.Export(LiveKeys.TerminalServer);
        string folder = wine.NewFolder("backup");
        string backup = Path.Combine(folder, "rds.reg");
        string journal = wine.NewJournal();

        wine.Succeeds("backup", "--out", Wine.WindowsPath(backup));
        string text = File.ReadAllText(backup);
        Assert.Contains(@"[HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\Terminal Server\RCM\Licensing Core]", text, StringComparison.Ordinal);
        Assert.Contains("\"LicensingMode\"=dword:00000004", text, StringComparison.Ordinal);
        Assert.Equal("REG_DWORD 0x4", wine.Query(LiveKeys.LicensingCore, "LicensingMode"));

        wine.Succeeds("set-mode", "per-device", "--journal", journal);
        wine.Succeeds("cert", "reset", "--journal", journal);
        Assert.NotEqual(before, wine.Export(LiveKeys.TerminalServer));

        string whatIf = wine.Succeeds("restore", Wine.WindowsPath(backup), "--what-if", "--journal", journal);
        Assert.EndsWith("what-if: nothing was changed", whatIf.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal("REG_DWORD 0x2", wine.Query(LiveKeys.LicensingCore, "LicensingMode"));

        wine.Succeeds("restore", Wine.WindowsPath(backup), "--journal", journal);
        Assert.Equal(before, wine.Export(LiveKeys.TerminalServer));
    }

    [WineFact]
    public void What_if_changes_nothing_for_the_resets()
    {
        wine.Seed("healthy-peruser");
        Assert.Equal(0, wine.Reg("import", Wine.WindowsPath(ClientStoreSeed())).Exit);
        byte[] server = wine.Export(LiveKeys.TerminalServer);
        byte[] client = wine.Export(LiveKeys.MsLicensing);
        string journalFolder = wine.NewFolder("journal");
        string journal = Wine.WindowsPath(Path.Combine(journalFolder, "journal.jsonl"));

        foreach (string[] args in new[] { new[] { "grace", "reset", "--lab" }, ["client", "reset", "--force"], ["cert", "reset"] })
        {
            var (exit, output, err) = wine.Rdscal([.. args, "--what-if", "--journal", journal]);
            Assert.True(exit == 0, $"{string.Join(' ', args)}: {err}");
            Assert.EndsWith("what-if: nothing was changed", output.TrimEnd(), StringComparison.Ordinal);
        }
        Assert.Equal(server, wine.Export(LiveKeys.TerminalServer));
        Assert.Equal(client, wine.Export(LiveKeys.MsLicensing));
        Assert.False(File.Exists(Path.Combine(journalFolder, "journal.jsonl")));
    }

    [WineFact]
    public void A_journal_folder_that_cannot_be_written_refuses_before_any_change()
    {
        wine.Seed("unconfigured");
        byte[] before = wine.Export(LiveKeys.TerminalServer);
        // A regular file where the journal's folder should be: no user, root included, can create the journal there.
        string blocker = Path.Combine(wine.NewFolder("journal"), "not-a-folder");
        File.WriteAllText(blocker, "x");
        string journal = Wine.WindowsPath(Path.Combine(blocker, "journal.jsonl"));

        var (exit, _, err) = wine.Rdscal("set-mode", "per-user", "--journal", journal);
        Assert.Equal(7, exit);
        Assert.Contains("the journal folder is not writable", err, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", err, StringComparison.Ordinal);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, wine.Export(LiveKeys.TerminalServer));
    }

    /// <summary>The client-store scenario's SOFTWARE export, to add a client license store to a session host.</summary>
    private static string ClientStoreSeed() => RdsCal.Tests.TestData.Scenario("client-store", "SOFTWARE.reg");
}

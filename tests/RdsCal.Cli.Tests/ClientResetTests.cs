using System.Text.Json;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary><c>client reset</c> refuses on an RD Session Host: the store users' errors come from is on their own machines.</summary>
public class ClientResetTests
{
    [TestDataFact]
    public void Client_reset_on_a_session_host_refuses_with_exit_7_and_changes_nothing_unless_forced()
    {
        string dir = Directory.CreateTempSubdirectory("rdscal-client-").FullName;
        try
        {
            // A session host (the unconfigured scenario) that also holds a client store, built with rdscal's own writer.
            string system = Path.Combine(dir, "SYSTEM"), software = Path.Combine(dir, "SOFTWARE"), journal = Path.Combine(dir, "journal.jsonl");
            File.Copy(TestData.Scenario("unconfigured", "SYSTEM"), system);
            File.Copy(TestData.Scenario("unconfigured", "SOFTWARE"), software);
            File.SetAttributes(system, FileAttributes.Normal);
            File.SetAttributes(software, FileAttributes.Normal);
            string reg = Path.Combine(dir, "store.reg");
            File.WriteAllText(reg, "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MSLicensing\\HardwareID]\r\n\"ClientHWID\"=hex:01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f,10,11,12,13,14\r\n");
            Assert.Equal(ExitCodes.Ok, CliRunner.Run("import", software, reg, "--prefix", "HKEY_LOCAL_MACHINE\\SOFTWARE", "--no-backup").Exit);
            byte[] before = File.ReadAllBytes(software);

            var (exit, output, err) = CliRunner.Run("client", "reset", "--system", system, "--software", software, "--journal", journal);
            Assert.Equal(ExitCodes.Refused, exit);
            Assert.Contains("RD Session Host role", err, StringComparison.Ordinal);
            Assert.Contains("connecting client", err, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllBytes(software));
            Assert.False(File.Exists(journal));

            Assert.Equal(ExitCodes.Ok, CliRunner.Run("client", "reset", "--system", system, "--software", software, "--journal", journal, "--force").Exit);
            var status = JsonDocument.Parse(CliRunner.Run("status", "--system", system, "--software", software, "--json").Out).RootElement;
            Assert.False(status.GetProperty("clientStore").GetProperty("present").GetBoolean());
            _ = output;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

using RdsCal.Registry.Hive;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

public class HiveCommandsTests
{
    [Fact]
    public void New_then_import_builds_a_hive_that_status_reads_like_the_reg()
    {
        string dir = Directory.CreateTempSubdirectory("rdscal-cli-").FullName;
        string system = Path.Combine(dir, "SYSTEM"), software = Path.Combine(dir, "SOFTWARE");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("new", system).Exit);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("new", software).Exit);
        var (exit, output, err) = CliRunner.Run("import", system, CliRunner.Sample("gpo-override", "SYSTEM.reg"));
        Assert.True(exit == 0, err);
        Assert.Contains("backup of the original", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("import", software, CliRunner.Sample("gpo-override", "SOFTWARE.reg"), "--no-backup").Exit);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("verify", system).Exit);
        var fromHive = CliRunner.Run("status", "--system", system, "--software", software, "--json").Out;
        var fromReg = CliRunner.Run("status", "--system", CliRunner.Sample("gpo-override", "SYSTEM.reg"), "--software", CliRunner.Sample("gpo-override", "SOFTWARE.reg"), "--json").Out;
        Assert.Equal(Strip(fromReg), Strip(fromHive));
    }

    [Fact]
    public void Import_applies_deletions()
    {
        string dir = Directory.CreateTempSubdirectory("rdscal-cli-").FullName;
        string hive = Path.Combine(dir, "H");
        CliRunner.Run("new", hive);
        string reg = Path.Combine(dir, "a.reg");
        File.WriteAllText(reg, "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\H\\A\\B]\r\n\"v\"=dword:00000001\r\n\"w\"=\"x\"\r\n\r\n[HKEY_LOCAL_MACHINE\\H\\C]\r\n");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("import", hive, reg).Exit);
        File.WriteAllText(reg, "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\H\\A\\B]\r\n\"v\"=-\r\n\r\n[-HKEY_LOCAL_MACHINE\\H\\C]\r\n");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("import", hive, reg).Exit);
        using var h = HiveFile.Open(hive);
        Assert.Null(h.Root.Open("C"));
        Assert.Null(h.Root.Open(@"A\B")!.GetValue("v"));
        Assert.NotNull(h.Root.Open(@"A\B")!.GetValue("w"));
    }

    [Fact]
    public void New_never_overwrites_and_import_outside_the_prefix_changes_nothing()
    {
        string dir = Directory.CreateTempSubdirectory("rdscal-cli-").FullName;
        string hive = Path.Combine(dir, "H");
        CliRunner.Run("new", hive);
        Assert.Equal(ExitCodes.Refused, CliRunner.Run("new", hive).Exit);
        byte[] before = File.ReadAllBytes(hive);
        string reg = Path.Combine(dir, "a.reg");
        File.WriteAllText(reg, "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\H\\A]\r\n\r\n[HKEY_CURRENT_USER\\Other]\r\n");
        var (exit, _, err) = CliRunner.Run("import", hive, reg, "--prefix", "HKEY_LOCAL_MACHINE\\H");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("line 5", err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(hive));
    }

    [TestDataFact]
    public void Verify_reports_problems_of_a_damaged_hive_with_exit_4()
    {
        var (exit, output, _) = CliRunner.Run("verify", TestData.Real("yarp", "WrongOrderHive"));
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Contains("out of order", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("verify", TestData.Real("yarp", "ManySubkeysHive")).Exit);
    }

    private static string Strip(string json) => string.Join('\n', json.Split('\n').Where(l => !l.Contains("\"input\"", StringComparison.Ordinal) && !l.Contains("\"path\"", StringComparison.Ordinal)
        && !l.Contains("readAt", StringComparison.Ordinal) && !l.Contains("keyLastWritten", StringComparison.Ordinal)));
}

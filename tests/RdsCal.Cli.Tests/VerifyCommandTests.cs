using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>
/// <c>rdscal verify</c> accepts every hive Windows wrote (what Windows itself leaves is a note) and still fails every
/// hive damaged by hand, with its reason.
/// </summary>
public class VerifyCommandTests
{
    /// <summary>The hives in ../shared/testdata/real that Windows wrote (see its README: all but the hand-edited and truncated ones).</summary>
    public static TheoryData<string> WindowsWritten => new()
    {
        "regipy/SECURITY", "regipy/amcache.hve", "regipy/SAM", "regipy/NTUSER.DAT", "regipy/NTUSER-WSL.DAT", "regipy/BCD", "regipy/transactions_NTUSER.DAT",
        "yarp/BigDataHive", "yarp/BogusKeyNamesHive", "yarp/CompHive", "yarp/DeletedDataHive", "yarp/DeletedTreeHive", "yarp/EmptyHive",
        "yarp/ExtendedASCIIHive", "yarp/HealedHive", "yarp/ManySubkeysHive", "yarp/MultiSzHive", "yarp/NewFlagsHive", "yarp/OffHive",
        "yarp/RemnantsHive", "yarp/SlackHive", "yarp/StringValuesHive", "yarp/System_Delta", "yarp/TwoOwnersHive", "yarp/UnicodeHive",
        "yarp/UpcaseHive", "yarp/ValuesOrderHive", "yarp/NewDirtyHive1/NewDirtyHive", "yarp/NewDirtyHive1/RecoveredHive_Windows10",
        "yarp/BadBaseBlockHive/BadBaseBlockHive", "yarp/BadLogHive1/BadLogHive", "yarp/BadLogHive2/BadLogHive", "yarp/BadLogHive3/BadLogHive",
        "hivex/special",
    };

    [TestDataTheory]
    [MemberData(nameof(WindowsWritten))]
    public void Every_hive_windows_wrote_verifies_with_exit_code_0(string hive)
    {
        var (exit, output, err) = CliRunner.Run("verify", TestData.Real(hive.Split('/')));
        Assert.True(exit == 0, output + err);
        Assert.DoesNotContain(": error: ", output, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void The_gzipped_windows_system_hives_verify_with_exit_code_0_with_their_logs_beside_them()
    {
        string dir = Directory.CreateTempSubdirectory("rdscal-verify-").FullName;
        try
        {
            foreach (string name in new[] { "SYSTEM", "SYSTEM_B", "SYSTEM_B.LOG1", "SYSTEM_B.LOG2" })
            {
                File.WriteAllBytes(Path.Combine(dir, name), TestData.Bytes(TestData.Real("regipy", name + ".gz")));
            }
            Assert.Equal(ExitCodes.Ok, CliRunner.Run("verify", Path.Combine(dir, "SYSTEM")).Exit);
            var (exit, output, err) = CliRunner.Run("verify", Path.Combine(dir, "SYSTEM_B"));
            Assert.True(exit == 0, output + err);
            Assert.Contains("recovered in memory", err, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestDataTheory]
    [InlineData("yarp/WrongOrderHive", "out of order")]
    [InlineData("yarp/DuplicateSubkeysHive", "out of order or duplicated")]
    [InlineData("yarp/BadListHive", "referenced more than once")]
    [InlineData("yarp/EffectiveSizeHive", "not the start of a cell")]
    [InlineData("yarp/TruncatedHive", "truncated")]
    [InlineData("yarp/TruncatedDirtyHive", "truncated")]
    public void Every_hand_damaged_hive_still_fails_with_its_reason(string hive, string reason)
    {
        var (exit, output, err) = CliRunner.Run("verify", TestData.Real(hive.Split('/')));
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Contains(reason, output + err, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void The_corrupted_regipy_system_hive_still_fails()
    {
        string copy = TestData.CopyToTemp(TestData.Real("regipy", "corrupted_system_hive.gz"));
        try
        {
            var (exit, _, err) = CliRunner.Run("verify", copy);
            Assert.Equal(ExitCodes.CorruptInput, exit);
            Assert.Contains("bin chain is broken", err, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }
    }

    [TestDataFact]
    public void Leaked_cells_are_notes_that_pass_and_strict_makes_them_fail()
    {
        string windows = TestData.Real("yarp", "NewDirtyHive1", "RecoveredHive_Windows10");
        var (exit, output, _) = CliRunner.Run("verify", windows);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(8, output.Split('\n').Count(l => l.Contains(": note: cell 0x", StringComparison.Ordinal) && l.EndsWith("(leaked)", StringComparison.Ordinal)));
        Assert.Equal(ExitCodes.CorruptInput, CliRunner.Run("verify", windows, "--strict").Exit);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("verify", TestData.Real("yarp", "ManySubkeysHive"), "--strict").Exit);
    }

    [TestDataFact]
    public void A_dirty_hive_without_logs_is_a_note()
    {
        var (exit, output, err) = CliRunner.Run("verify", TestData.Real("regipy", "SECURITY"));
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("note: base block: dirty (sequence numbers 107/106)", output, StringComparison.Ordinal);
        Assert.Contains("no transaction logs were found", err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.CorruptInput, CliRunner.Run("verify", TestData.Real("regipy", "SECURITY"), "--strict").Exit);
    }

    [TestDataFact]
    public void Import_into_a_recovered_dirty_hive_then_verifies_clean()
    {
        string dir = Directory.CreateTempSubdirectory("rdscal-verify-").FullName;
        try
        {
            foreach (string name in new[] { "NewDirtyHive", "NewDirtyHive.LOG1", "NewDirtyHive.LOG2" })
            {
                File.Copy(TestData.Real("yarp", "NewDirtyHive1", name), Path.Combine(dir, name));
                File.SetAttributes(Path.Combine(dir, name), FileAttributes.Normal);
            }
            string hive = Path.Combine(dir, "NewDirtyHive");
            string reg = Path.Combine(dir, "add.reg");
            File.WriteAllText(reg, "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\H\\Added]\r\n\"v\"=dword:00000001\r\n");
            var (imported, _, importErr) = CliRunner.Run("import", hive, reg, "--prefix", "HKEY_LOCAL_MACHINE\\H");
            Assert.True(imported == 0, importErr);
            var (exit, output, err) = CliRunner.Run("verify", hive);
            Assert.True(exit == 0, output + err);
            Assert.DoesNotContain(": error: ", output, StringComparison.Ordinal);
            // What remains are the leaks Windows' own recovery leaves (the same 8 cells as RecoveredHive_Windows10).
            var windowsNotes = CliRunner.Run("verify", TestData.Real("yarp", "NewDirtyHive1", "RecoveredHive_Windows10")).Out
                .Split('\n').Where(l => l.Contains(": note: ", StringComparison.Ordinal)).Select(l => l[l.IndexOf(": note: ", StringComparison.Ordinal)..]);
            var ourNotes = output.Split('\n').Where(l => l.Contains(": note: ", StringComparison.Ordinal)).Select(l => l[l.IndexOf(": note: ", StringComparison.Ordinal)..]);
            Assert.Equal(windowsNotes, ourNotes);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

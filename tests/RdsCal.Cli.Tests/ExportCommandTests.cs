using System.Text;
using RdsCal.Registry.Hive;
using RdsCal.Registry.RegText;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

public class ExportCommandTests
{
    [TestDataFact]
    public void Exports_a_subtree_to_a_utf16_file_that_reads_back_byte_exact()
    {
        string hive = TestData.Real("yarp", "StringValuesHive");
        string target = Path.Combine(Directory.CreateTempSubdirectory().FullName, "out.reg");
        var (exit, _, err) = CliRunner.Run("export", hive, "--key", "key", "--prefix", "HKEY_LOCAL_MACHINE\\X", "-o", target);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(string.Empty, err);
        byte[] bytes = File.ReadAllBytes(target);
        Assert.Equal(new byte[] { 0xFF, 0xFE }, bytes[..2]);
        var back = RegTextReader.Parse(bytes).ToTree("HKEY_LOCAL_MACHINE\\X\\key");
        using var h = HiveFile.Open(hive);
        var original = h.Root.Open("key")!;
        foreach (var v in original.EnumerateValues())
        {
            Assert.Equal(v.Span.ToArray(), back.GetValue(v.Name)!.Span.ToArray());
            Assert.Equal(v.Kind, back.GetValue(v.Name)!.Kind);
        }
    }

    [TestDataFact]
    public void Dirty_hive_is_recovered_with_a_warning_on_stderr()
    {
        var (exit, output, err) = CliRunner.Run("export", TestData.Real("yarp", "NewDirtyHive1", "NewDirtyHive"));
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("recovered in memory", err, StringComparison.Ordinal);
        Assert.Contains("Key3_3", output, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void A_missing_key_is_a_usage_error()
    {
        var (exit, _, err) = CliRunner.Run("export", TestData.Real("yarp", "EmptyHive"), "--key", "nope");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("nope", err, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void Corruption_found_during_the_walk_names_the_file()
    {
        var (exit, _, err) = CliRunner.Run("export", TestData.Real("yarp", "EffectiveSizeHive"));
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Contains("EffectiveSizeHive", err.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
    }

    [Fact]
    public void Export_of_random_bytes_is_one_error_line()
    {
        string junk = Path.Combine(Directory.CreateTempSubdirectory().FullName, "junk");
        var bytes = new byte[9000];
        new Random(3).NextBytes(bytes);
        Encoding.ASCII.GetBytes("regf").CopyTo(bytes, 0);
        File.WriteAllBytes(junk, bytes);
        var (exit, _, err) = CliRunner.Run("export", junk);
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Single(err.Trim().Split('\n'));
    }
}

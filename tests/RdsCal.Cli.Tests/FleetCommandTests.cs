using System.Text.Json;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

public class FleetCommandTests
{
    [TestDataFact]
    public void Reads_every_scenario_folder_including_a_gzipped_hive()
    {
        string dir = Directory.CreateTempSubdirectory("rdscal-fleet-").FullName;
        foreach (string scenario in Directory.GetDirectories(TestData.Scenario()))
        {
            string target = Directory.CreateDirectory(Path.Combine(dir, Path.GetFileName(scenario))).FullName;
            foreach (string file in Directory.GetFiles(scenario))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }
        var (exit, output, err) = CliRunner.Run("fleet", dir, "--json");
        Assert.True(exit == 0, err);
        var machines = JsonDocument.Parse(output).RootElement.EnumerateArray().ToDictionary(m => m.GetProperty("machine").GetString()!);
        Assert.Equal(6, machines.Count);
        Assert.All(machines.Values, m => Assert.Equal(JsonValueKind.Null, m.GetProperty("error").ValueKind));
        Assert.Equal("RemoteAdministration", machines["workstation-win7"].GetProperty("status").GetProperty("licensingMode").GetProperty("effective").GetString());
        Assert.Equal("Unknown", machines["client-store"].GetProperty("status").GetProperty("licensingMode").GetProperty("effective").GetString());
        Assert.Equal(3, CliRunner.Run("fleet", dir, "--fail-on", "error").Exit);
        var (_, table, _) = CliRunner.Run("fleet", dir);
        Assert.Contains("unconfigured", table, StringComparison.Ordinal);
        Assert.Contains("RDS001", table, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_machine_is_reported_and_the_others_still_read()
    {
        string dir = Directory.CreateTempSubdirectory("rdscal-fleet-").FullName;
        string good = Directory.CreateDirectory(Path.Combine(dir, "good")).FullName;
        File.Copy(CliRunner.Sample("unconfigured", "SYSTEM.reg"), Path.Combine(good, "SYSTEM.reg"));
        string bad = Directory.CreateDirectory(Path.Combine(dir, "bad")).FullName;
        File.WriteAllText(Path.Combine(bad, "SYSTEM"), "not a hive");
        var (exit, output, _) = CliRunner.Run("fleet", dir);
        Assert.Equal(4, exit);
        Assert.Contains("unreadable", output, StringComparison.Ordinal);
        Assert.Contains("NotConfigured", output, StringComparison.Ordinal);
    }
}

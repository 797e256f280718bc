using System.Text.Json;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary><c>rdscal server</c> end to end, in process. Off Windows there is no WMI: every part must say so, never ok.</summary>
public class ServerCommandTests
{
    [OffWindowsFact]
    public void Off_Windows_every_part_is_unavailable_with_the_reason_and_nothing_is_listed()
    {
        var (exit, output, error) = CliRunner.Run("server");

        Assert.Equal((ExitCodes.Ok, string.Empty), (exit, error));
        Assert.StartsWith($"license server {Environment.MachineName} (read from this machine ({Environment.MachineName}) as ", output, StringComparison.Ordinal);
        foreach (string part in new[] { "activation", "keyPacks", "issuedLicenses", "licenseServersGroup" })
        {
            Assert.Matches($@"\n  {part} +unavailable +\d+ ms  .*WMI is not available: WMI exists only on Windows\n", output);
        }
        Assert.Contains("\nkey packs: none read\nissued licenses: none read\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_the_documented_shape_and_only_the_contracts_words()
    {
        var (exit, output, _) = CliRunner.Run("server", "--json");

        Assert.Equal(ExitCodes.Ok, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(["schemaVersion", "server", "ranAs", "parts", "keyPacks", "issuedLicenses"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["activation", "keyPacks", "issuedLicenses", "licenseServersGroup"], root.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("part").GetString()));
        Assert.All(root.GetProperty("parts").EnumerateArray(), p => Assert.Contains(p.GetProperty("outcome").GetString(), new[] { "ok", "problem", "unavailable" }));
        if (!OperatingSystem.IsWindows())
        {
            Assert.All(root.GetProperty("parts").EnumerateArray(), p => Assert.Equal("unavailable", p.GetProperty("outcome").GetString()));
        }
    }

    [OffWindowsFact]
    public void Computer_names_the_server_read()
    {
        var (exit, output, _) = CliRunner.Run("server", "--computer", "ls1.probe.invalid", "--json");

        Assert.Equal(ExitCodes.Ok, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("ls1.probe.invalid", doc.RootElement.GetProperty("server").GetString());
    }
}

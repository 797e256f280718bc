using System.Text.Json;
using RdsCal.Tests;

namespace RdsCal.PowerShell.Tests;

/// <summary><c>Get-RdsCalLicenseServer</c> in process; off Windows it can only show that no part could be read.</summary>
public sealed class GetRdsCalLicenseServerTests : IDisposable
{
    private readonly ModuleSession session = new();

    public void Dispose() => session.Dispose();

    [OffWindowsFact]
    public void Off_Windows_every_part_is_unavailable_with_the_reason_and_nothing_is_listed()
    {
        var (output, errors) = session.Run("Get-RdsCalLicenseServer");

        Assert.Empty(errors);
        var server = Assert.IsType<RdsCalLicenseServer>(Assert.Single(output).BaseObject);
        Assert.Equal(Environment.MachineName, server.Server);
        Assert.Equal(["activation", "keyPacks", "issuedLicenses", "licenseServersGroup"], server.Parts.Select(p => p.Part));
        Assert.All(server.Parts, p =>
        {
            Assert.Equal("unavailable", p.Outcome);
            Assert.EndsWith("WMI is not available: WMI exists only on Windows", p.Evidence, StringComparison.Ordinal);
        });
        Assert.Empty(server.KeyPacks);
        Assert.Empty(server.IssuedLicenses);
    }

    [Fact]
    public void ServerJson_is_the_cli_contract_and_agrees_with_the_objects()
    {
        var (output, _) = session.Run("Get-RdsCalLicenseServer");
        var server = (RdsCalLicenseServer)output[0].BaseObject;

        using var doc = JsonDocument.Parse(server.ServerJson);
        Assert.Equal(1, doc.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(server.Server, doc.RootElement.GetProperty("server").GetString());
        Assert.Equal(
            server.Parts.Select(p => (p.Part, p.Outcome, p.Evidence)),
            doc.RootElement.GetProperty("parts").EnumerateArray().Select(p => (p.GetProperty("part").GetString()!, p.GetProperty("outcome").GetString()!, p.GetProperty("evidence").GetString()!)));
    }

    [OffWindowsFact]
    public void Each_computer_named_gets_its_own_object()
    {
        var (output, errors) = session.Run("'ls1.probe.invalid', 'ls2.probe.invalid' | Get-RdsCalLicenseServer");

        Assert.Empty(errors);
        Assert.Equal(["ls1.probe.invalid", "ls2.probe.invalid"], output.Select(o => ((RdsCalLicenseServer)o.BaseObject).Server));
    }
}

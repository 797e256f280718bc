namespace RdsCal.PowerShell.Tests;

public sealed class ModuleTests : IDisposable
{
    private readonly ModuleSession session = new();

    public void Dispose() => session.Dispose();

    private static readonly string[] Cmdlets = ["Backup-RdsCalSettings", "ConvertTo-RdsCalFleetReport", "Get-RdsCalEvent", "Get-RdsCalHistory", "Get-RdsCalLicenseServer", "Get-RdsCalRule", "Get-RdsCalStatus", "Reset-RdsCalCertificate", "Reset-RdsCalClientStore", "Reset-RdsCalGracePeriod", "Restore-RdsCalSettings", "Set-RdsCalLicenseServer", "Set-RdsCalMode", "Test-RdsCalLicenseServer", "Undo-RdsCalChange"];

    [Fact]
    public void The_manifest_exports_exactly_the_cmdlets()
    {
        var (output, _) = session.Run("(Get-Command -Module RdsCal).Name | Sort-Object");
        Assert.Equal(Cmdlets, output.Select(o => o.ToString()));
        var (version, _) = session.Run("(Get-Module RdsCal).Version.ToString()");
        Assert.Equal("0.1.0", version[0].ToString());
    }

    [Fact]
    public void Every_cmdlet_has_help_with_a_synopsis_a_description_and_examples()
    {
        foreach (string name in Cmdlets)
        {
            var (output, _) = session.Run("$h = Get-Help $args[0] -Full; $h.Synopsis; @($h.examples.example).Count; ($h.description | Out-String).Trim(); @($h.parameters.parameter).Count", name);
            string synopsis = output[0].ToString();
            // Without a help file PowerShell makes the synopsis from the syntax, which starts with the name.
            Assert.False(synopsis.StartsWith(name, StringComparison.Ordinal), $"{name}: no help file synopsis ({synopsis})");
            Assert.True(synopsis.Length > 40, $"{name}: {synopsis}");
            Assert.True((int)output[1].BaseObject >= 2, $"{name}: fewer than two examples");
            Assert.True(output[2].ToString().Length > 80, $"{name}: no description");
            Assert.True((int)output[3].BaseObject >= 1, $"{name}: no parameters documented");
        }
    }

    [Fact]
    public void Help_documents_each_parameter_the_cmdlet_has()
    {
        foreach (string name in Cmdlets)
        {
            var (declared, _) = session.Run("(Get-Command $args[0]).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters } | Sort-Object", name);
            var (documented, _) = session.Run("(Get-Help $args[0] -Full).parameters.parameter.name | Sort-Object -Unique", name);
            Assert.Equal(declared.Select(o => o.ToString()), documented.Select(o => o.ToString()));
        }
    }
}

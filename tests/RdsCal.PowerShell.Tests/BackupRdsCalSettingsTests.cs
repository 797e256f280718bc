using System.Management.Automation;

namespace RdsCal.PowerShell.Tests;

public sealed class BackupRdsCalSettingsTests : IDisposable
{
    private readonly ModuleSession session = new();

    public void Dispose() => session.Dispose();

    [Fact]
    public void Backup_WhatIf_writes_nothing_and_a_backup_holds_the_licensing_keys()
    {
        using var temp = new TempFolder();
        string system = Path.Combine(ModuleSession.Samples, "unconfigured", "SYSTEM.reg");
        string software = Path.Combine(ModuleSession.Samples, "unconfigured", "SOFTWARE.reg");
        string target = temp.File("backup.reg");
        var (none, whatIfErrors) = session.Run("Backup-RdsCalSettings -SystemHive $args[0] -SoftwareHive $args[1] -Path $args[2] -WhatIf", system, software, target);
        Assert.Empty(whatIfErrors);
        Assert.Empty(none);
        Assert.False(File.Exists(target));
        var (output, errors) = session.Run("Set-Location $args[3]; Backup-RdsCalSettings -SystemHive $args[0] -SoftwareHive $args[1] -Path $args[2]", system, software, "backup.reg", temp.Path);
        Assert.Empty(errors);
        Assert.Equal(target, ((FileInfo)Assert.Single(output).BaseObject).FullName);
        string text = File.ReadAllText(target);
        Assert.StartsWith("Windows Registry Editor Version 5.00", text, StringComparison.Ordinal);
        Assert.Contains("[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\Terminal Server\\RCM\\Licensing Core]", text, StringComparison.Ordinal);
        Assert.Contains("\"LicensingMode\"=dword:00000005", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Backup_never_overwrites_a_file()
    {
        using var temp = new TempFolder();
        string target = temp.File("exists.reg");
        File.WriteAllText(target, "keep");
        var error = session.Terminating("Backup-RdsCalSettings", new Dictionary<string, object> { ["SystemHive"] = Path.Combine(ModuleSession.Samples, "unconfigured", "SYSTEM.reg"), ["Path"] = target });
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal(target, error.TargetObject);
        Assert.Equal("keep", File.ReadAllText(target));
    }
}

using System.Management.Automation;
using RdsCal.Registry.Changes;

namespace RdsCal.PowerShell.Tests;

public sealed class HistoryAndBackupTests : IDisposable
{
    private readonly ModuleSession session = new();

    public void Dispose() => session.Dispose();

    private static JournalEntry Entry(string id, string description, string? undoOf = null) => new()
    {
        Id = id,
        Time = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero),
        User = "admin",
        Machine = "rdsh01",
        Target = "SYSTEM: /tmp/SYSTEM",
        Description = description,
        Operations = [],
        Version = "0.1.0",
        UndoOf = undoOf,
    };

    [Fact]
    public void History_lists_the_journal_with_each_status_and_filters_by_id_prefix()
    {
        using var temp = new TempFolder();
        var journal = new ChangeJournal(temp.Combine("journal.jsonl"));
        journal.Append(Entry("20261128T120000Z-aaaaaa", "set the licensing mode to PerUser (4)"));
        journal.Append(Entry("20261128T120100Z-bbbbbb", "set the license servers to lic01"));
        journal.Append(Entry("20261128T120200Z-cccccc", "undo", undoOf: "20261128T120100Z-bbbbbb"));
        var (output, errors) = session.Run("Get-RdsCalHistory -Journal $args[0]", journal.Path);
        Assert.Empty(errors);
        var entries = output.Select(o => (RdsCalHistoryEntry)o.BaseObject).ToList();
        Assert.Equal(["20261128T120000Z-aaaaaa", "20261128T120100Z-bbbbbb", "20261128T120200Z-cccccc"], entries.Select(e => e.Id));
        Assert.Equal(["applied", "undone by 20261128T120200Z-cccccc", "undo of 20261128T120100Z-bbbbbb"], entries.Select(e => e.Status));
        var (one, _) = session.Run("Get-RdsCalHistory -Journal $args[0] 20261128T1201", journal.Path);
        Assert.Equal("20261128T120100Z-bbbbbb", ((RdsCalHistoryEntry)Assert.Single(one).BaseObject).Id);
    }

    [Fact]
    public void Backup_WhatIf_writes_nothing_and_a_backup_holds_the_licensing_keys()
    {
        using var temp = new TempFolder();
        string system = Path.Combine(ModuleSession.Samples, "unconfigured", "SYSTEM.reg");
        string software = Path.Combine(ModuleSession.Samples, "unconfigured", "SOFTWARE.reg");
        string target = temp.Combine("backup.reg");
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
        string target = temp.Combine("exists.reg");
        File.WriteAllText(target, "keep");
        var error = session.Terminating("Backup-RdsCalSettings", new Dictionary<string, object> { ["SystemHive"] = Path.Combine(ModuleSession.Samples, "unconfigured", "SYSTEM.reg"), ["Path"] = target });
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal(target, error.TargetObject);
        Assert.Equal("keep", File.ReadAllText(target));
    }
}

using System.CommandLine;
using RdsCal.Licensing.Changes;
using RdsCal.Registry.Changes;
using RdsCal.Registry.RegText;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal import HIVE FILE.reg [--prefix PREFIX]</c>: apply a .reg file, deletions included, to an offline hive.</summary>
internal static class ImportCommand
{
    public static Command Create(CliConsole console)
    {
        var hive = new Argument<FileInfo>("HIVE") { Description = "The hive file to change (backed up first)." }.RefuseOptionLikeValues();
        var reg = new Argument<FileInfo>("FILE.reg") { Description = "The .reg file to apply (v5 or REGEDIT4)." }.RefuseOptionLikeValues();
        var prefix = new Option<string?>("--prefix") { Description = "The key path in the .reg file that stands for the hive root; default its first two components (e.g. HKEY_LOCAL_MACHINE\\SYSTEM)." };
        var noBackup = new Option<bool>("--no-backup") { Description = "Do not keep a copy of the original hive." };
        var force = new Option<bool>("--force") { Description = "Write even to a hive that 'rdscal verify' finds errors in." };
        var command = new Command("import", "Apply a .reg file (keys, values and their deletions) to an offline hive, atomically, keeping a backup; a hive that fails verification is refused unless --force.")
        {
            hive, reg, prefix, noBackup, force,
        };
        command.SetAction(parse =>
        {
            var hiveFile = parse.GetValue(hive)!;
            var regFile = parse.GetValue(reg)!;
            var result = RegImport.Apply(hiveFile.FullName, RegTextReader.Load(regFile.FullName), regFile.FullName, new RegImportOptions
            {
                Prefix = parse.GetValue(prefix),
                Backup = !parse.GetValue(noBackup),
                WriteToCorruptHive = parse.GetValue(force),
                LockWait = new ChangeRunOptions().WithEnvironment().LockWait,
            });
            console.ChangeApplied = true;
            console.Out.WriteLine($"imported {regFile.Name} into {hiveFile.Name}: {result.Keys} key(s), {result.Values} value(s), {result.Deletions} deletion(s)");
            if (result.Save.BackupPath is not null)
            {
                console.Out.WriteLine($"backup of the original: {result.Save.BackupPath}");
            }
            foreach (var (from, to) in result.Save.MovedLogs)
            {
                console.Out.WriteLine($"stale transaction log moved aside: {from} -> {to}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using RdsCal.Licensing.Changes;
using RdsCal.Registry.Changes;
using RdsCal.Registry.RegText;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal import HIVE FILE.reg [--prefix PREFIX] [--journal FILE]</c>: apply a .reg file, deletions included, to an offline hive, journalled and undoable.</summary>
internal static class ImportCommand
{
    public static Command Create(CliConsole console)
    {
        var hive = new Argument<FileInfo>("HIVE") { Description = "The hive file to change (backed up first)." }.RefuseOptionLikeValues();
        var reg = new Argument<FileInfo>("FILE.reg") { Description = "The .reg file to apply (v5 or REGEDIT4)." }.RefuseOptionLikeValues();
        var prefix = new Option<string?>("--prefix") { Description = "The key path in the .reg file that stands for the hive root; default its first two components (e.g. HKEY_LOCAL_MACHINE\\SYSTEM)." };
        var noBackup = new Option<bool>("--no-backup") { Description = "Do not keep a copy of the original hive (the .reg backup of the keys it touches is kept, for undo)." };
        var force = new Option<bool>("--force") { Description = "Write even to a hive that 'rdscal verify' finds errors in." };
        var journal = ChangeRunner.Journal();
        var command = new Command("import", "Apply a .reg file (keys, values and their deletions) to an offline hive, atomically, keeping a backup, journalled and undoable; a hive that fails verification is refused unless --force.")
        {
            hive, reg, prefix, noBackup, force, journal,
        };
        command.SetAction(parse =>
        {
            var hiveFile = parse.GetValue(hive)!;
            var regFile = parse.GetValue(reg)!;
            var options = new ChangeRunOptions
            {
                JournalPath = ChangeRunner.JournalPath(parse.GetValue(journal)),
                WriteToCorruptHive = parse.GetValue(force),
            }.WithEnvironment();
            var result = HiveImport.Execute(hiveFile.FullName, RegTextReader.Load(regFile.FullName), regFile.FullName, parse.GetValue(prefix), options, keepHiveBackup: !parse.GetValue(noBackup));
            ChangeRunner.PrintSettled(console, result.JournalWarnings, result.SettledNotes);
            var plan = result.Plan;
            console.Out.WriteLine($"imported {regFile.Name} into {hiveFile.Name}: {plan.Keys} key(s), {plan.Values} value(s), {plan.Deletions} deletion(s)");
            if (result.Recorded is not { } recorded)
            {
                console.Out.WriteLine("nothing to change: the hive already holds what the file sets");
                return ExitCodes.Ok;
            }
            if (result.HiveBackup is not null)
            {
                console.Out.WriteLine($"backup of the original: {result.HiveBackup}");
            }
            // The store's other notes (saved, previous hive kept) say what the lines above say.
            foreach (string note in recorded.Notes.Where(n => n.StartsWith("stale transaction log", StringComparison.Ordinal) || n.StartsWith("warning:", StringComparison.Ordinal)))
            {
                console.Out.WriteLine(note);
            }
            ChangeRunner.PrintRecorded(console, recorded, result.Journal);
            return ExitCodes.Ok;
        });
        return command;
    }
}

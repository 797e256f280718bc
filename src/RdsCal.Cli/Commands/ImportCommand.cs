using System.CommandLine;
using RdsCal.Registry;
using RdsCal.Registry.Changes;
using RdsCal.Registry.Hive;
using RdsCal.Registry.RegText;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal import HIVE FILE.reg [--prefix PREFIX]</c>: apply a .reg file, deletions included, to an offline hive.</summary>
internal static class ImportCommand
{
    public static Command Create(CliConsole console)
    {
        var hive = new Argument<FileInfo>("HIVE") { Description = "The hive file to change (backed up first)." };
        var reg = new Argument<FileInfo>("FILE.reg") { Description = "The .reg file to apply (v5 or REGEDIT4)." };
        var prefix = new Option<string?>("--prefix") { Description = "The key path in the .reg file that stands for the hive root; default its first two components (e.g. HKEY_LOCAL_MACHINE\\SYSTEM)." };
        var noBackup = new Option<bool>("--no-backup") { Description = "Do not keep a copy of the original hive." };
        var command = new Command("import", "Apply a .reg file (keys, values and their deletions) to an offline hive, atomically, keeping a backup.")
        {
            hive, reg, prefix, noBackup,
        };
        command.SetAction(parse =>
        {
            var hiveFile = parse.GetValue(hive)!;
            var regFile = parse.GetValue(reg)!;
            var doc = RegTextReader.Load(regFile.FullName);
            string root = parse.GetValue(prefix) ?? DefaultPrefix(doc);
            string[] rootParts = RegistryPath.Split(root);
            // Locked from read to save, like every change, so a concurrent writer's update is not lost.
            using var hold = TargetLock.Acquire(hiveFile.FullName, ChangeRunner.LockWait());
            var editor = HiveEditor.Open(hiveFile.FullName);
            int keys = 0, values = 0, deletions = 0;
            foreach (var e in doc.Entries)
            {
                var parts = RegistryPath.Split(e.KeyPath);
                if (parts.Length < rootParts.Length || !rootParts.Select((p, i) => RegistryName.NamesEqual(p, parts[i])).All(x => x))
                {
                    throw new UsageException($"{regFile.Name}: line {e.Line}: key '{e.KeyPath}' is not under '{root}' (use --prefix)");
                }
                // Windows' limits (255-character key names, 16,383-character value names): a file that breaks
                // them did not come from a registry, and the hive must not get such a record.
                if (parts.FirstOrDefault(p => p.Length > 255) is { } longName)
                {
                    throw new RegTextFormatException($"key name '{longName[..40]}…' is {longName.Length:N0} characters; Windows allows at most 255", e.Line, 1).WithFile(regFile.FullName);
                }
                if (e.ValueName is { Length: > 16383 } longValue)
                {
                    throw new RegTextFormatException($"value name '{longValue[..40]}…' is {longValue.Length:N0} characters; Windows allows at most 16,383", e.Line, 1).WithFile(regFile.FullName);
                }
                string rel = string.Join('\\', parts[rootParts.Length..]);
                switch (e.Kind)
                {
                    case RegTextEntryKind.Key:
                        editor.CreateKey(rel);
                        keys++;
                        break;
                    case RegTextEntryKind.DeleteKey:
                        if (rel.Length == 0)
                        {
                            throw new OperationRefusedException($"{regFile.Name}: line {e.Line}: deleting the hive root is not possible");
                        }
                        deletions += editor.DeleteKey(rel) ? 1 : 0;
                        break;
                    case RegTextEntryKind.SetValue:
                        editor.CreateKey(rel);
                        editor.SetValue(rel, e.Value!);
                        values++;
                        break;
                    case RegTextEntryKind.DeleteValue:
                        deletions += editor.DeleteValue(rel, e.ValueName!) ? 1 : 0;
                        break;
                }
            }
            var result = editor.Save(hiveFile.FullName, new HiveSaveOptions { Backup = !parse.GetValue(noBackup) });
            console.Out.WriteLine($"imported {regFile.Name} into {hiveFile.Name}: {keys} key(s), {values} value(s), {deletions} deletion(s)");
            if (result.BackupPath is not null)
            {
                console.Out.WriteLine($"backup of the original: {result.BackupPath}");
            }
            foreach (var (from, to) in result.MovedLogs)
            {
                console.Out.WriteLine($"stale transaction log moved aside: {from} -> {to}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string DefaultPrefix(RegTextDocument doc)
    {
        string common = doc.CommonPrefix(2);
        string first = RegistryPath.Split(common).FirstOrDefault() ?? string.Empty;
        return first.StartsWith("HKEY_", StringComparison.OrdinalIgnoreCase) || first.StartsWith("HK", StringComparison.OrdinalIgnoreCase) && first.Length == 4 ? common : string.Empty;
    }
}

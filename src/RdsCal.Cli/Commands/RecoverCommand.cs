using System.CommandLine;
using System.Text.Json;
using RdsCal.Cli.Output;
using RdsCal.Registry;
using RdsCal.Registry.Hive;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal recover HIVE [--json]</c>: deleted keys and values still present in unallocated space.</summary>
internal static class RecoverCommand
{
    public static Command Create(CliConsole console)
    {
        var hive = new Argument<FileInfo>("HIVE") { Description = "The hive file (read only; a dirty hive is recovered from its logs first)." }.RefuseOptionLikeValues();
        var json = new Option<bool>("--json") { Description = "Print the records as JSON (value data as hex)." };
        var command = new Command("recover", "List deleted keys and values that remain in a hive's free cells and in the file after its bins (forensics; nothing is changed).") { hive, json };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(hive)!;
            using var opened = HiveFile.Open(file.FullName);
            foreach (var d in opened.Diagnostics)
            {
                console.Warn($"{file.Name}: {d}");
            }
            var found = DeletedRecordScanner.Scan(opened);
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(RecoveredRecordsJson.From(found), CliJsonContext.Default.RecoveredRecordsJson));
                return ExitCodes.Ok;
            }
            console.Out.WriteLine($"{found.Keys.Count} deleted key(s), {found.Values.Count} deleted value(s) in {file.Name}");
            foreach (var k in found.Keys)
            {
                console.Out.WriteLine($"  key   0x{k.CellOffset:X6}  {k.Path ?? $"(unknown parent)\\{k.Name}"}  last written {k.LastWritten:yyyy-MM-dd HH:mm:ss}  [{k.Location}]");
            }
            foreach (var v in found.Values)
            {
                string where = v.KeyPath is null ? "(key unknown)" : v.KeyPath;
                console.Out.WriteLine($"  value 0x{v.CellOffset:X6}  {where}\\{(v.Value.IsDefault ? "@" : v.Value.Name)} = {v.Value.Kind.ToWindowsName()} {v.Value.ToDisplayString()}  [{v.DataState}; {v.Location}]");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

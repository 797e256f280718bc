using System.CommandLine;
using System.Text;
using RdsCal.Registry;
using RdsCal.Registry.Hive;
using RdsCal.Registry.RegText;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal export HIVE [--key PATH] [--prefix PREFIX] [-o FILE]</c>: a hive (or subtree) as a v5 .reg file.</summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var hive = new Argument<FileInfo>("HIVE") { Description = "The hive file (dirty hives are recovered from their logs first)." }.RefuseOptionLikeValues();
        var key = new Option<string?>("--key") { Description = "Export only this key path inside the hive, e.g. 'ControlSet001\\Control\\Terminal Server'." };
        var prefix = new Option<string?>("--prefix") { Description = "Path written for the hive root; default HKEY_LOCAL_MACHINE\\<FILE NAME>." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to FILE (UTF-16LE with BOM, as regedit) instead of standard output (UTF-8; also '-o -'). An existing file is replaced only with --force, the hive never; a device or pipe is written directly." };
        var force = new Option<bool>("--force") { Description = "Replace the output file if it exists." };
        var format = new Option<string>("--format") { Description = "regedit5 (default; UTF-16LE, exact for every value) or regedit4 (ANSI; refuses values it cannot hold exactly).", DefaultValueFactory = _ => "regedit5" };
        format.AcceptOnlyFromAmong("regedit5", "regedit4");
        var logs = new Option<FileInfo[]>("--log") { Description = "A transaction log to use instead of those found beside the hive; repeat for .LOG1 and .LOG2.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var command = new Command("export", "Write a hive, or one subtree, as a regedit v5 .reg file, byte-exact for every value.")
        {
            hive, key, prefix, output, format, logs, force,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(hive)!;
            var logFiles = parse.GetValue(logs);
            var options = logFiles is { Length: > 0 } ? new HiveOpenOptions { LogPaths = logFiles.Select(l => l.FullName).ToList() } : HiveOpenOptions.Default;
            using var opened = HiveFile.Open(file.FullName, options);
            int reported = 0;
            foreach (var d in opened.Diagnostics)
            {
                console.Warn($"{file.Name}: {d}");
                reported++;
            }
            string keyPath = parse.GetValue(key) ?? string.Empty;
            RegistryKey? start = keyPath.Length == 0 ? opened.Root : opened.Root.Open(keyPath);
            if (start is null)
            {
                throw new UsageException($"{file.Name}: no key '{keyPath}' in the hive");
            }
            string basePath = parse.GetValue(prefix) ?? $"HKEY_LOCAL_MACHINE\\{file.Name.ToUpperInvariant()}";
            string rootPath = RegistryPath.Combine(basePath, string.Join('\\', RegistryPath.Split(keyPath)));
            var target = parse.GetValue(output);
            var dialect = parse.GetValue(format) == "regedit4" ? RegTextFormat.Regedit4 : RegTextFormat.Regedit5;
            if (target is null || target.ToString() == "-")
            {
                var stdout = console.Out;
                RegTextWriter.Export(start, rootPath, stdout, dialect);
                stdout.Flush();
            }
            else
            {
                // The hive and every log it was read with are inputs: never written, not even with --force.
                var inputs = new List<string> { file.FullName };
                inputs.AddRange(logFiles is { Length: > 0 } ? logFiles.Select(l => l.FullName) : TransactionLogFiles.FindBeside(file.FullName));
                RegTextWriter.WriteFile(target.FullName, w => w.WriteTree(start, rootPath), dialect,
                    new OutputOptions { ReplaceExisting = parse.GetValue(force), Inputs = inputs });
            }
            // Damage found during the walk (skipped or out-of-order keys) is reported after the data.
            foreach (var d in opened.Diagnostics.Skip(reported))
            {
                console.Warn($"{file.Name}: {d}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using RdsCal.Registry.Hive;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal verify HIVE [--strict]</c>: check every structural invariant of a hive.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var hive = new Argument<FileInfo>("HIVE") { Description = "The hive file to check (a dirty hive is checked as recovered from its logs)." }.RefuseOptionLikeValues();
        var strict = new Option<bool>("--strict") { Description = "Fail (exit code 4) on notes too: leaked cells, a dirty hive without logs, remnants after the last bin." };
        var command = new Command("verify", "Check every cell of a hive: bins, lists (order, hashes, counts), values, big data, security cells and their ring. Errors (what Windows would refuse, or what loses data) fail; notes (what Windows itself leaves, such as leaked cells) are printed.") { hive, strict };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(hive)!;
            using var opened = HiveFile.Open(file.FullName);
            foreach (var d in opened.Diagnostics)
            {
                console.Warn($"{file.Name}: {d}");
            }
            var found = HiveVerifier.Check(opened.Bytes.ToArray());
            foreach (string e in found.Errors)
            {
                console.Out.WriteLine($"{file.Name}: error: {e}");
            }
            foreach (string n in found.Notes)
            {
                console.Out.WriteLine($"{file.Name}: note: {n}");
            }
            bool fail = found.Errors.Count > 0 || (parse.GetValue(strict) && found.Notes.Count > 0);
            string summary = $"hive version {opened.Version}, {opened.Header.DataSize:N0} bytes of bins, root key '{opened.Root.StoredName}'";
            console.Out.WriteLine(found.Errors.Count > 0
                ? $"{file.Name}: {found.Errors.Count} error(s), {found.Notes.Count} note(s)"
                : found.Notes.Count > 0
                    ? $"{file.Name}: OK with {found.Notes.Count} note(s){(fail ? " (failed: --strict)" : string.Empty)} ({summary})"
                    : $"{file.Name}: OK ({summary})");
            return fail ? ExitCodes.CorruptInput : ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using RdsCal.Registry.Hive;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal verify HIVE</c>: check every structural invariant of a hive.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console)
    {
        var hive = new Argument<FileInfo>("HIVE") { Description = "The hive file to check (a dirty hive is checked as recovered from its logs)." };
        var command = new Command("verify", "Check every cell of a hive: bins, lists (order, hashes, counts), values, big data, security cells and their ring, leaks.") { hive };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(hive)!;
            using var opened = HiveFile.Open(file.FullName);
            foreach (var d in opened.Diagnostics)
            {
                console.Warn($"{file.Name}: {d}");
            }
            var problems = HiveVerifier.Verify(opened.Bytes.Span[..(4096 + (int)opened.Header.DataSize)].ToArray());
            foreach (string p in problems)
            {
                console.Out.WriteLine($"{file.Name}: {p}");
            }
            console.Out.WriteLine(problems.Count == 0
                ? $"{file.Name}: OK (hive version {opened.Version}, {opened.Header.DataSize:N0} bytes of bins, root key '{opened.Root.StoredName}')"
                : $"{file.Name}: {problems.Count} problem(s)");
            return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.CorruptInput;
        });
        return command;
    }
}

using System.CommandLine;
using RdsCal.Registry.Hive;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal new HIVE [--version 1.3|1.5]</c>: create an empty hive.</summary>
internal static class NewCommand
{
    public static Command Create(CliConsole console)
    {
        var hive = new Argument<FileInfo>("HIVE") { Description = "The hive file to create (it must not exist)." }.RefuseOptionLikeValues();
        var version = new Option<string>("--version") { Description = "Format version: 1.5 (default; loads on every Windows since XP SP2) or 1.3.", DefaultValueFactory = _ => "1.5" };
        version.AcceptOnlyFromAmong("1.3", "1.4", "1.5", "1.6");
        var root = new Option<string>("--root-name") { Description = "Name stored in the root key.", DefaultValueFactory = _ => "ROOT" };
        var command = new Command("new", "Create an empty registry hive (a root key with a default security descriptor).") { hive, version, root };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(hive)!;
            if (file.Exists)
            {
                throw new OperationRefusedException($"{file.FullName}: the file exists; rdscal new never overwrites a file");
            }
            uint minor = uint.Parse(parse.GetValue(version)!.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture);
            var editor = HiveEditor.CreateEmpty(minor, parse.GetValue(root)!);
            editor.Save(file.FullName);
            console.Out.WriteLine($"created {file.FullName} (hive version 1.{minor})");
            return ExitCodes.Ok;
        });
        return command;
    }
}

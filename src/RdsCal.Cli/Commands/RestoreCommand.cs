using System.CommandLine;
using RdsCal.Licensing.Plans;
using RdsCal.Registry.RegText;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal restore FILE.reg</c>: make the keys in a backup exactly as it holds them (journalled, undoable).</summary>
internal static class RestoreCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE.reg") { Description = "A backup written by rdscal (or any .reg export of HKEY_LOCAL_MACHINE keys)." }.RefuseOptionLikeValues();
        var options = ChangeRunner.Options.Create();
        var command = new Command("restore", "Restore keys from a .reg backup through a change set: previewable, backed up, journalled and undoable.") { file };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var backup = parse.GetValue(file)!;
            var doc = RegTextReader.Load(backup.FullName);
            return ChangeRunner.Run(console, parse, options,
                (machine, _) => LicensingPlanner.Restore(machine.Root, doc, $"restore {backup.Name}"), [backup.FullName]);
        });
        return command;
    }
}

using System.CommandLine;
using RdsCal.Licensing.Changes;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal backup [--out FILE]</c>: every licensing-related key as a .reg file.</summary>
internal static class BackupCommand
{
    public static Command Create(CliConsole console)
    {
        var system = MachineOptions.System();
        var software = MachineOptions.Software();
        var output = new Option<FileInfo?>("--out", "-o") { Description = "The .reg file to write (default rdscal-backup-TIMESTAMP.reg in the current folder). An existing file is replaced only with --force, an input never." };
        var force = new Option<bool>("--force") { Description = "Replace the --out file if it exists." };
        var command = new Command("backup", "Export every licensing-related key (RCM, TermService and TermServLicensing parameters, policy, MSLicensing, RDS role) to a byte-exact .reg file.") { system, software, output, force };
        command.SetAction(parse =>
        {
            using var machine = MachineOptions.OpenMachine(parse.GetValue(system), parse.GetValue(software));
            string path = parse.GetValue(output)?.FullName ?? LicensingBackup.NewFilePath(".");
            var inputs = new[] { parse.GetValue(system), parse.GetValue(software) }.OfType<FileInfo>().Select(f => f.FullName).ToList();
            int trees = LicensingBackup.Write(machine, path, new Registry.OutputOptions { ReplaceExisting = parse.GetValue(force), Inputs = inputs });
            console.Out.WriteLine($"backed up {trees} key tree(s) to {path}");
            console.Out.WriteLine($"restore with: rdscal restore {path}");
            return ExitCodes.Ok;
        });
        return command;
    }
}

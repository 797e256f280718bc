using System.CommandLine;
using RdsCal.Licensing;
using RdsCal.Licensing.Plans;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal set-mode per-user|per-device [--policy]</c>.</summary>
internal static class SetModeCommand
{
    public static Command Create(CliConsole console)
    {
        var mode = new Argument<string>("MODE") { Description = "per-user or per-device." };
        mode.AcceptOnlyFromAmong("per-user", "per-device");
        var policy = new Option<bool>("--policy") { Description = "Write the local Group Policy value (SOFTWARE\\Policies\\…\\LicensingMode) instead of the server setting." };
        var options = ChangeRunner.Options.Create();
        var command = new Command("set-mode", "Set the RD Session Host licensing mode (RCM\\Licensing Core\\LicensingMode), refusing when Group Policy would override it.") { mode, policy };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var wanted = parse.GetValue(mode) == "per-user" ? LicensingMode.PerUser : LicensingMode.PerDevice;
            return ChangeRunner.Run(console, parse, options,
                (machine, snapshot) => LicensingPlanner.SetMode(machine, snapshot, wanted, parse.GetValue(policy)));
        });
        return command;
    }
}

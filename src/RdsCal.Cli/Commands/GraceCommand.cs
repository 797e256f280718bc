using System.CommandLine;
using RdsCal.Licensing.Plans;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal grace reset [--lab]</c>.</summary>
internal static class GraceCommand
{
    public static Command Create(CliConsole console)
    {
        var lab = new Option<bool>("--lab") { Description = "Allow the reset on a host with no license server (evaluation only)." };
        var options = ChangeRunner.Options.Create();
        var reset = new Command("reset", "Delete the grace-period timebomb (RCM\\GracePeriod). Refused without a license server unless --lab.") { lab };
        options.AddTo(reset);
        reset.SetAction(parse => ChangeRunner.Run(console, parse, options, "grace reset",
            (machine, snapshot) => LicensingPlanner.ResetGracePeriod(machine, snapshot, parse.GetValue(lab))));
        return new Command("grace", "The 120-day grace period.") { reset };
    }
}

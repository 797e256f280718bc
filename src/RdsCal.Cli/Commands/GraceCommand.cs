using System.CommandLine;
using RdsCal.Licensing.Plans;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal grace reset [--lab]</c>.</summary>
internal static class GraceCommand
{
    public static Command Create(CliConsole console)
    {
        var lab = new Option<bool>("--lab") { Description = "Allow the reset on a host with no license server (evaluation only)." };
        return ChangeRunner.ResetVerb(console, "grace", "The 120-day grace period.",
            "Delete the grace-period timebomb (RCM\\GracePeriod). Refused without a license server unless --lab.",
            parse => (machine, snapshot) => LicensingPlanner.ResetGracePeriod(machine, snapshot, parse.GetValue(lab)), lab);
    }
}

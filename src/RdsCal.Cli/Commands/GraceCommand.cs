using System.CommandLine;
using RdsCal.Licensing.Plans;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal grace reset [--lab]</c>.</summary>
internal static class GraceCommand
{
    public static Command Create(CliConsole console)
    {
        var lab = new Option<bool>("--lab") { Description = "Mark the host as an evaluation lab: the reset is refused without it (Microsoft does not recommend a reset)." };
        return ChangeRunner.ResetVerb(console, "grace", "The 120-day grace period.",
            "Delete the grace-period timebomb (RCM\\GracePeriod). Refused unless --lab: Microsoft does not recommend a reset, and with a license server the grace period no longer matters.",
            parse => (machine, snapshot) => LicensingPlanner.ResetGracePeriod(machine, snapshot, parse.GetValue(lab)), lab);
    }
}

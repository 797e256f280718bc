using System.CommandLine;
using RdsCal.Licensing.Plans;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal client reset</c>.</summary>
internal static class ClientCommand
{
    public static Command Create(CliConsole console)
    {
        var options = ChangeRunner.Options.Create();
        var reset = new Command("reset", "Back up and delete the client license store (HKLM\\SOFTWARE\\Microsoft\\MSLicensing).");
        options.AddTo(reset);
        reset.SetAction(parse => ChangeRunner.Run(console, parse, options, "client reset", LicensingPlanner.ResetClientStore));
        return new Command("client", "The Remote Desktop client's license store.") { reset };
    }
}

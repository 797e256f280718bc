using System.CommandLine;
using RdsCal.Licensing.Plans;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal client reset</c>.</summary>
internal static class ClientCommand
{
    public static Command Create(CliConsole console) => ChangeRunner.ResetVerb(console, "client", "The Remote Desktop client's license store.",
        "Back up and delete the client license store (HKLM\\SOFTWARE\\Microsoft\\MSLicensing).", _ => LicensingPlanner.ResetClientStore);
}

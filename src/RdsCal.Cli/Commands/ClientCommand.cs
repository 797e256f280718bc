using System.CommandLine;
using RdsCal.Licensing.Plans;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal client reset [--force]</c>.</summary>
internal static class ClientCommand
{
    public static Command Create(CliConsole console)
    {
        var force = new Option<bool>("--force") { Description = "Reset the store even on an RD Session Host (its own store as a client; users' stores are on their machines)." };
        return ChangeRunner.ResetVerb(console, "client", "The Remote Desktop client's license store (on the connecting client).",
            "Back up and delete the client license store (HKLM\\SOFTWARE\\Microsoft\\MSLicensing) of the connecting client. Refused on an RD Session Host unless --force.",
            parse => (machine, snapshot) => LicensingPlanner.ResetClientStore(machine, snapshot, parse.GetValue(force)), force);
    }
}

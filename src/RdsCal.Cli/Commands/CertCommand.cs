using System.CommandLine;
using RdsCal.Licensing.Plans;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal cert reset</c>.</summary>
internal static class CertCommand
{
    public static Command Create(CliConsole console) => ChangeRunner.ResetVerb(console, "cert", "The session host's licensing certificates.",
        "Back up and delete the RCM licensing certificate values (fix for licensing protocol errors, events 1003 and 1004).", _ => LicensingPlanner.ResetCertificates);
}

using System.CommandLine;
using RdsCal.Licensing.Plans;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal cert reset</c>.</summary>
internal static class CertCommand
{
    public static Command Create(CliConsole console)
    {
        var options = ChangeRunner.Options.Create();
        var reset = new Command("reset", "Back up and delete the RCM licensing certificate values (fix for licensing protocol errors, events 1003 and 1004).");
        options.AddTo(reset);
        reset.SetAction(parse => ChangeRunner.Run(console, parse, options, "cert reset", LicensingPlanner.ResetCertificates));
        return new Command("cert", "The session host's licensing certificates.") { reset };
    }
}

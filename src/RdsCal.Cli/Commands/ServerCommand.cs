using System.CommandLine;
using System.Globalization;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Probes;
using RdsCal.Licensing.Reports;
using RdsCal.Licensing.ServerView;

namespace RdsCal.Cli.Commands;

/// <summary>
/// <c>rdscal server [--computer NAME] [--json]</c>: on the license server itself, its licensing database through WMI: activation, key
/// packs, issued licenses and who holds them, and its domain group membership. Off Windows every part is unavailable.
/// </summary>
internal static class ServerCommand
{
    public static Command Create(CliConsole console)
    {
        var computer = new Option<string?>("--computer") { HelpName = "NAME", Description = "Read another license server's database through remote WMI (administrators of it only); default: this machine." };
        var json = new Option<bool>("--json") { Description = "Print the stable JSON document (schemaVersion 1, docs/server-json.md)." };
        var command = new Command("server", "On the license server: read its licensing database through WMI (activation, key packs, issued CALs and temporary licenses with who holds them, the Terminal Server License Servers group), each part with its evidence.")
        {
            computer, json,
        };
        command.SetAction(parse =>
        {
            var report = LicenseServerView.Read(LiveQueries.ThisMachine(), parse.GetValue(computer), null);
            if (parse.GetValue(json))
            {
                LicenseServerJsonWriter.Write(report, console.Out);
            }
            else
            {
                WriteText(console.Out, report);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(TextWriter o, LicenseServerReport report)
    {
        o.WriteLine($"license server {report.Server} (read from {report.RanAs})");
        foreach (var part in report.Parts)
        {
            o.WriteLine($"  {part.Part,-21}{ProbeCheckNames.Of(part.Outcome),-12}{part.ElapsedMs,6} ms  {part.Evidence}");
        }
        o.WriteLine(report.KeyPacks.Count == 0 ? "key packs: none read" : "key packs:");
        foreach (var p in report.KeyPacks)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  #{p.KeyPackId} {p.Type} ({p.ProductType}), {p.Version ?? $"version not documented (ProductVersionID {p.ProductVersionId})"}, {p.Kind} ({p.KeyPackType}): {p.Total} total, {p.Issued} issued, {p.Available} available, expires {Date(p.Expires)}"));
        }
        o.WriteLine(report.IssuedLicenses.Count == 0 ? "issued licenses: none read" : "issued licenses:");
        foreach (var l in report.IssuedLicenses)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  #{l.LicenseId} from key pack #{l.KeyPackId}: {l.Status} ({l.LicenseStatus}), computer {l.IssuedToComputer ?? "(none)"}, user {l.IssuedToUser ?? "(none)"}, issued {Date(l.IssuedAt)}, expires {Date(l.Expires)}"));
        }
    }

    private static string Date(DateTimeOffset? date) =>
        date?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "(no date given)";
}

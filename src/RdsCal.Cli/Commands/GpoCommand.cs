using System.CommandLine;
using RdsCal.Licensing.Changes;
using RdsCal.Cli.Output;
using RdsCal.Licensing;
using RdsCal.Licensing.GroupPolicy;

namespace RdsCal.Cli.Commands;

/// <summary>
/// <c>rdscal gpo set --mode per-user|per-device --servers a,b [--hide-notifications on|off] [--what-if] DIR</c> and
/// <c>rdscal gpo show DIR</c>: write and read RD Session Host licensing policy in a Group Policy template folder
/// (<c>DIR/gpt.ini</c>, <c>DIR/Machine/Registry.pol</c>).
/// </summary>
internal static class GpoCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("gpo", "Write or show RD licensing policy in a Group Policy template folder (gpt.ini + Machine/Registry.pol).");
        command.Subcommands.Add(Set(console));
        command.Subcommands.Add(Show(console));
        return command;
    }

    private static Command Set(CliConsole console)
    {
        var dir = new Argument<DirectoryInfo>("DIR") { Description = "The template folder: created when absent; its gpt.ini and Machine/Registry.pol are updated." }.RefuseOptionLikeValues();
        var mode = new Option<string?>("--mode") { HelpName = "per-user|per-device", Description = "Set the Remote Desktop licensing mode (LicensingMode REG_DWORD)." };
        mode.AcceptOnlyFromAmong("per-user", "per-device");
        var servers = new Option<string?>("--servers") { HelpName = "a,b", Description = "Use the specified license servers, in order (LicenseServers REG_SZ, comma-separated)." };
        var hide = new Option<string?>("--hide-notifications") { HelpName = "on|off", Description = "Hide (on) or show (off) notifications about RD Licensing problems (fDisableTerminalServerTooltip)." };
        hide.AcceptOnlyFromAmong("on", "off");
        var whatIf = new Option<bool>("--what-if") { Description = "Show the difference and write nothing." };
        var journal = ChangeRunner.Journal();
        var command = new Command("set", "Set licensing policy in a GPO template folder as the Group Policy editor would: other entries kept byte for byte, version bumped, Registry extension listed; journalled and undoable.")
        {
            dir, mode, servers, hide, whatIf, journal,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(dir)!;
            var settings = new GpoLicensingSettings(
                parse.GetValue(mode) switch { "per-user" => LicensingMode.PerUser, "per-device" => LicensingMode.PerDevice, _ => null },
                parse.GetValue(servers) is { } list ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null,
                parse.GetValue(hide) switch { "on" => true, "off" => false, _ => null });
            if (File.Exists(folder.FullName))
            {
                throw new UsageException($"{folder.FullName} is a file; give the GPO template folder (the one holding gpt.ini)");
            }
            var options = new ChangeRunOptions { JournalPath = ChangeRunner.JournalPath(parse.GetValue(journal)) }.WithEnvironment();
            GpoChangeResult result;
            try
            {
                // Locked from read to write like a hive change; --what-if writes nothing and takes no lock.
                result = GpoChange.Execute(folder.FullName, settings, options, parse.GetValue(whatIf));
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message.Split(" (Parameter", StringSplitOptions.None)[0]);
            }
            ChangeRunner.PrintSettled(console, result.JournalWarnings, result.SettledNotes);
            var plan = result.Plan;
            var st = new Style(console.UseColor);
            if (plan.IsEmpty)
            {
                console.Out.WriteLine($"{plan.PolicyFile}: already sets this; nothing to change");
                return ExitCodes.Ok;
            }
            foreach (string line in plan.Diff)
            {
                console.Out.WriteLine(line.StartsWith('+') ? st.Green(line) : st.Red(line));
            }
            if (result.Recorded is not { } recorded)
            {
                console.Out.WriteLine("what-if: nothing written");
                return ExitCodes.Ok;
            }
            foreach (string backup in result.Backups)
            {
                console.Out.WriteLine($"backup: {backup}");
            }
            console.Out.WriteLine($"wrote {plan.GptFile} and {plan.PolicyFile}");
            // The files' own notes say what the lines above say; a warning (the journal could not mark the change applied) is news.
            foreach (string note in recorded.Notes.Where(n => n.StartsWith("warning:", StringComparison.Ordinal)))
            {
                console.Out.WriteLine(note);
            }
            ChangeRunner.PrintRecorded(console, recorded, result.Journal);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var dir = new Argument<DirectoryInfo>("DIR") { Description = "The GPO template folder." }.RefuseOptionLikeValues();
        var command = new Command("show", "Print what a GPO template folder sets: version, Registry extension, and every Machine Registry.pol entry (licensing ones explained).") { dir };
        command.SetAction(parse =>
        {
            var c = LicensingGpo.Show(parse.GetValue(dir)!.FullName);
            var o = console.Out;
            o.WriteLine(c.GptFile is null ? "gpt.ini: absent" : $"{c.GptFile}: version machine {c.MachineVersion}, user {c.UserVersion}; Registry extension {(c.RegistryExtensionListed ? "listed" : "NOT listed")} in gPCMachineExtensionNames");
            if (c.PolicyFile is null)
            {
                o.WriteLine("Machine/Registry.pol: absent (the GPO sets no registry policy for computers)");
                return ExitCodes.Ok;
            }
            o.WriteLine($"{c.PolicyFile}: {c.Entries.Count} entr{(c.Entries.Count == 1 ? "y" : "ies")}");
            foreach (var e in c.Entries.Where(e => e.Meaning is not null))
            {
                o.WriteLine($"  {e.Entry.ValueName} = {LicensingGpo.Show(e.Entry)}: {e.Meaning}");
            }
            int others = c.Entries.Count(e => e.Meaning is null);
            if (others > 0)
            {
                o.WriteLine($"  other policies ({others}):");
                foreach (var e in c.Entries.Where(e => e.Meaning is null))
                {
                    o.WriteLine($"    [{e.Entry.KeyPath}] {(e.Entry.ValueName.Length == 0 ? "(key)" : e.Entry.ValueName)} = {LicensingGpo.Show(e.Entry)}");
                }
            }
            if (c.Entries.Count > 0 && !c.RegistryExtensionListed && c.GptFile is not null)
            {
                o.WriteLine("note: gpt.ini does not list the Registry extension; a local GPO with this gpt.ini skips Registry.pol (a domain GPO's list is in Active Directory, gPCMachineExtensionNames)");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

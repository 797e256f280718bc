using System.CommandLine;
using RdsCal.Licensing.Plans;

namespace RdsCal.Cli.Commands;

/// <summary><c>rdscal set-servers NAME... [--policy] [--remove-legacy]</c>.</summary>
internal static class SetServersCommand
{
    public static Command Create(CliConsole console)
    {
        var names = new Argument<string[]>("NAME") { Description = "License servers in the order to ask them: DNS names, IPv4 or IPv6 addresses.", Arity = ArgumentArity.OneOrMore };
        var policy = new Option<bool>("--policy") { Description = "Write the local Group Policy value (LicenseServers, comma-separated) instead of SpecifiedLicenseServers." };
        var legacy = new Option<bool>("--remove-legacy") { Description = "Also remove license server lists in shapes current Windows does not read." };
        var options = ChangeRunner.Options.Create();
        var command = new Command("set-servers", "Set the license servers (Parameters\\LicenseServers\\SpecifiedLicenseServers, REG_MULTI_SZ), refusing when Group Policy would override them.") { names, policy, legacy };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var servers = parse.GetValue(names) ?? [];
            if (servers.Select(ServerNames.Problem).FirstOrDefault(p => p is not null) is { } bad)
            {
                throw new UsageException($"{bad}; nothing was changed");
            }
            return ChangeRunner.Run(console, parse, options,
                (machine, snapshot) => LicensingPlanner.SetServers(machine, snapshot, servers, parse.GetValue(policy), parse.GetValue(legacy)));
        });
        return command;
    }
}

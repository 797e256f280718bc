using System.CommandLine;
using System.Globalization;
using RdsCal.Cli.Output;
using RdsCal.Licensing;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Probes;
using RdsCal.Licensing.Sources;

namespace RdsCal.Cli.Commands;

/// <summary><c>--probe</c> and <c>--probe-timeout</c> of <c>status</c> and <c>check</c>: the license-server checks of <c>rdscal probe</c> joined to the registry's findings.</summary>
internal static class ProbeOption
{
    private const double MaxTimeoutSeconds = 60;

    public static Option<bool> Create() => new("--probe")
    {
        Description = "Also check the effective license servers as 'rdscal probe' does (name, ports, WMI answers, key packs); their problems join the findings.",
    };

    public static Option<double> Timeout() => new("--probe-timeout")
    {
        HelpName = "SECONDS",
        Description = "With --probe: the bound on each name lookup and TCP connect (default 3).",
        DefaultValueFactory = _ => 3,
    };

    /// <summary>The probe's options when <c>--probe</c> was given, else null; checked before any input is opened.</summary>
    public static ProbeOptions? Parse(ParseResult parse, Option<bool> probe, Option<double> timeout)
    {
        if (!parse.GetValue(probe))
        {
            return null;
        }
        double seconds = parse.GetValue(timeout);
        if (!(seconds > 0 && seconds <= MaxTimeoutSeconds))
        {
            throw new UsageException($"--probe-timeout {seconds.ToString(CultureInfo.InvariantCulture)}: give seconds above 0 and at most {MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
        }
        return new ProbeOptions { Timeout = TimeSpan.FromSeconds(seconds) };
    }

    /// <summary>The report, with the probe's findings joined when <paramref name="options"/> is given, its remedies worded as command lines.</summary>
    public static StatusReport Gather(MachineRegistry machine, ProbeOptions? options)
    {
        var live = LiveQueries.ThisMachine();
        var report = options is null
            ? StatusReport.Gather(machine, live)
            : StatusReport.GatherWithProbeAsync(machine, live, options).GetAwaiter().GetResult().Report;
        return report.WordedBy(CommandLineWording.Instance);
    }
}

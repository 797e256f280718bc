using RdsCal.Licensing.Live;
using RdsCal.Licensing.Probes;
using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Sources;

namespace RdsCal.Licensing;

public sealed partial record StatusReport
{
    /// <summary>
    /// <see cref="Gather"/>, then <c>rdscal probe</c> against the snapshot's effective license servers (from here: a
    /// hive's servers are qualified with its DNS suffix, and only the live session host's own service is asked its
    /// connectivity verdict), with the probe's findings joined to the registry's: one finding per cause, the probe rows
    /// as its evidence, so a threshold or a monitoring check alerts on what the license servers answered.
    /// </summary>
    /// <returns>The report with the joined findings, and the probe report (no servers when none is in effect).</returns>
    public static async Task<(StatusReport Report, ProbeReport Probe)> GatherWithProbeAsync(MachineRegistry machine, LiveQueries live, ProbeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var report = Gather(machine, live);
        bool here = report.Snapshot.IsLive;
        var probe = await new LicenseServerProbe(live, options with { SessionHost = report.Snapshot, SessionHostIsHere = here })
            .RunAsync(ProbeTargets.From(report.Snapshot, qualify: !here), cancellationToken).ConfigureAwait(false);
        return (report with { Findings = Join(report.Findings, probe.Findings) }, probe);
    }

    // A cause the registry already names (RDS013 from the policy value) and the probe observes becomes one finding: the
    // graver severity, the probe's statement first, both evidences (FindingJoin). Other probe findings are added as they are.
    internal static IReadOnlyList<Finding> Join(IReadOnlyList<Finding> registry, IReadOnlyList<Finding> probe) => FindingJoin.Join(registry, probe);
}

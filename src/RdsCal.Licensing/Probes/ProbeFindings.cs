using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Probes;

/// <summary>
/// Turns probe problems into findings of the rules that explain them, which offline are explain-only: RDS019 for a
/// name that does not resolve, a port that refuses or stays silent, or a session host that says "not connectable";
/// RDS020 for a server that says it is not activated. Each finding carries the rows it rests on as evidence.
/// </summary>
internal static class ProbeFindings
{
    private static readonly LicenseServerUnreachableRule Unreachable = new();
    private static readonly LicenseServerNotActivatedRule NotActivated = new();

    public static IReadOnlyList<Finding> Of(IEnumerable<ServerProbe> servers)
    {
        var findings = new List<Finding>();
        foreach (var server in servers)
        {
            string name = server.Target.Name;
            var unreachable = server.Checks.Where(c => c.Outcome == ProbeOutcome.Problem && IsReachability(c)).ToList();
            if (unreachable.Count > 0)
            {
                findings.Add(Unreachable.Observed($"License server {name} cannot be reached from {unreachable[0].RanFrom ?? "here"}: {string.Join(", ", unreachable.Select(c => ProbeCheckNames.Of(c.Check)))} failed.", Evidence(unreachable)));
            }
            var activation = server.Checks.Where(c => c.Check == ProbeCheck.Activation && c.Outcome == ProbeOutcome.Problem).ToList();
            if (activation.Count > 0)
            {
                findings.Add(NotActivated.Observed($"License server {name} says it is not activated.", Evidence(activation)));
            }
        }
        return findings;
    }

    // Connectivity value 6 (LS_NOT_CONNECTABLE) is the session host's own word for unreachable; its other problems
    // (group, version, access) have other causes than the network.
    private static bool IsReachability(ProbeResult row) => row.Check switch
    {
        ProbeCheck.Dns or ProbeCheck.Tcp135 or ProbeCheck.Tcp445 => true,
        ProbeCheck.Connectivity => row.Answer == WmiChecks.NotConnectable,
        _ => false,
    };

    private static string[] Evidence(IEnumerable<ProbeResult> rows) =>
        [.. rows.Select(r => $"{ProbeCheckNames.Of(r.Check)}: {r.Evidence}")];
}

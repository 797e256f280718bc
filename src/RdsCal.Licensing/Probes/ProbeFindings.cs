using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Probes;

/// <summary>
/// Turns probe problems into findings of the rules that explain them, which offline are explain-only: RDS019 for a
/// name that does not resolve, a port that refuses or stays silent, or a session host that says "not connectable";
/// RDS020 for a server that says it is not activated; RDS021 when every server probed answered and none holds CALs of
/// the host's mode and version; RDS013 (as an error) when a license server says it does not let this host request
/// CALs; RDS015 when, in Per User mode, a license server says it is outside the domain's license servers group. Each
/// finding carries the rows or answers it rests on as evidence; one finding per cause and server.
/// </summary>
internal static class ProbeFindings
{
    private static readonly LicenseServerUnreachableRule Unreachable = new();
    private static readonly LicenseServerNotActivatedRule NotActivated = new();
    private static readonly NoCalsForModeRule NoCals = new();
    private static readonly LicenseServerSecurityGroupRule SecurityGroup = new();
    private static readonly PerUserAdAttributesRule LicenseServersGroup = new();

    public static IReadOnlyList<Finding> Of(IReadOnlyList<ServerProbe> servers, IReadOnlyList<GroupChecks.Answers> groups, Snapshot.LicensingSnapshot? host)
    {
        var findings = new List<Finding>();
        for (int i = 0; i < servers.Count; i++)
        {
            var server = servers[i];
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
            var answers = groups[i];
            if (GroupChecks.Refuses(answers.SecureAccess))
            {
                findings.Add(SecurityGroup.Observed(Severity.Error, $"License server {name} says it does not let {answers.SessionHost} request CALs (IsSecureAccessAllowed returned false).", Evidence(server.Checks.Where(c => c.Check == ProbeCheck.Groups))));
            }
            if (answers.Mode == LicensingMode.PerUser && GroupChecks.OutsideLicenseServersGroup(answers.InTslsGroup))
            {
                findings.Add(LicenseServersGroup.Observed($"License server {name} says it is not in the Terminal Server License Servers group of {(answers.Domain.Length == 0 ? "its domain" : answers.Domain)}, and this host uses Per User CALs.", Evidence(server.Checks.Where(c => c.Check == ProbeCheck.Groups))));
            }
        }
        // "No CALs for the mode" is a statement about every server the host may ask: made only when each one answered no.
        var matches = servers.Select(s => (s.Target.Name, Row: s.Checks.FirstOrDefault(c => c.Check == ProbeCheck.CalsMatch))).ToList();
        if (host is not null && matches.Count > 0 && matches.All(m => m.Row?.Outcome == ProbeOutcome.Problem))
        {
            string mode = host.Mode.Effective == LicensingMode.PerUser ? "Per User" : "Per Device";
            findings.Add(NoCals.Observed(
                $"No license server probed holds available {mode} CALs of a version this host accepts ({string.Join(", ", matches.Select(m => m.Name))}).",
                [.. matches.Select(m => $"{m.Name}: cals-match: {m.Row!.Evidence}")]));
        }
        return findings;
    }

    // A pipe that does not open means the licensing service cannot be reached, whatever the ports say.
    // Connectivity value 6 (LS_NOT_CONNECTABLE) is the session host's own word for unreachable; its other problems
    // (group, version, access) have other causes than the network.
    private static bool IsReachability(ProbeResult row) => row.Check switch
    {
        ProbeCheck.Dns or ProbeCheck.Tcp135 or ProbeCheck.Tcp445 or ProbeCheck.Pipe => true,
        ProbeCheck.Connectivity => row.Answer == WmiChecks.NotConnectable,
        _ => false,
    };

    private static string[] Evidence(IEnumerable<ProbeResult> rows) =>
        [.. rows.Select(r => $"{ProbeCheckNames.Of(r.Check)}: {r.Evidence}")];
}

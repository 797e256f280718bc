using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Probes;

/// <summary>One check's row: its outcome, the raw answer it rests on, the time it took and where it ran from.</summary>
/// <param name="Check">Which check.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Evidence">The raw answer: addresses, a socket error, a return code, an HRESULT, and its meaning.</param>
/// <param name="ElapsedMs">Wall-clock milliseconds the check took.</param>
/// <param name="RanFrom">The machine and account it ran as, where that matters (null where it does not).</param>
public sealed record ProbeResult(ProbeCheck Check, ProbeOutcome Outcome, string Evidence, long ElapsedMs, string? RanFrom = null)
{
    /// <summary>The WMI method's documented value the outcome rests on (e.g. 6 for LS_NOT_CONNECTABLE), or null.</summary>
    public uint? Answer { get; init; }
}

/// <summary>A server to probe.</summary>
/// <param name="Name">The name as probed (qualified where the hive gave a DNS suffix).</param>
/// <param name="Source">Where the name came from.</param>
/// <param name="Note">How the name was derived from the configured one, or null.</param>
public sealed record ProbeTarget(string Name, ProbeServerSource Source, string? Note = null);

/// <summary>One server's checks.</summary>
/// <param name="Target">The server.</param>
/// <param name="Checks">One row per check, in the contract's order (dns, tcp135, tcp445, pipe, connectivity, activation, cals, groups, cals-match).</param>
public sealed record ServerProbe(ProbeTarget Target, IReadOnlyList<ProbeResult> Checks);

/// <summary>What <c>rdscal probe</c> found: every server's checks and the findings their problems make.</summary>
/// <param name="Servers">The servers in the order probed.</param>
/// <param name="Findings">RDS019 (unreachable) and RDS020 (not activated) findings with their evidence.</param>
public sealed record ProbeReport(IReadOnlyList<ServerProbe> Servers, IReadOnlyList<Finding> Findings);

using System.Net;
using RdsCal.Licensing.Changes;

namespace RdsCal.Licensing.Probes;

/// <summary>What <see cref="ProbeRun"/> is asked to probe: named servers, or the effective ones of a machine's registry.</summary>
public sealed record ProbeRequest
{
    /// <summary>The longest bound a network check may be given.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The license servers to probe as named; empty: the machine's effective ones.</summary>
    public IReadOnlyList<string> Servers { get; init; } = [];

    /// <summary>
    /// The session host's registry: hive files (their servers are checked from here, short names qualified with the
    /// hive's DNS suffix) or, by default, this machine's live registry (Windows only).
    /// </summary>
    public MachineLocation Machine { get; init; } = MachineLocation.Live;

    /// <summary>The bound on each name lookup and TCP connect; above zero and at most <see cref="MaxTimeout"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The account the license servers' WMI is asked as, when not the one running rdscal; null: the caller's own. The
    /// session host's own verdict (<c>connectivity</c>) is never asked with it: its service always uses the computer account.
    /// </summary>
    public NetworkCredential? Credential { get; init; }
}

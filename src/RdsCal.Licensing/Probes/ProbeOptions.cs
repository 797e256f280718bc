using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Probes;

/// <summary>How <see cref="LicenseServerProbe"/> runs its checks.</summary>
public sealed record ProbeOptions
{
    /// <summary>The bound on each network check (resolve, connect); 3 seconds unless given.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The port of the <c>tcp135</c> check (135, the RPC endpoint mapper; tests use high loopback ports).</summary>
    public int RpcPort { get; init; } = 135;

    /// <summary>The port of the <c>tcp445</c> check (445, SMB named pipes).</summary>
    public int SmbPort { get; init; } = 445;

    /// <summary>
    /// True when this machine is the session host whose servers are probed, so its own service can be asked
    /// (GetTStoLSConnectivityStatus). False for hive files: the hive's host is another machine.
    /// </summary>
    public bool SessionHostIsHere { get; init; }

    /// <summary>
    /// The session host whose servers are probed (the hives read, or this machine's registry): its licensing mode and
    /// Windows build for <c>cals-match</c>, its name and domain for <c>groups</c>. Null when no registry was read
    /// (<c>--server</c> off Windows): those checks then say so and are unavailable.
    /// </summary>
    public LicensingSnapshot? SessionHost { get; init; }

    /// <summary>
    /// The account the license servers are asked as when it is not the one running rdscal (a credential's user name),
    /// so each remote WMI row says who asked; null: the caller's own account.
    /// </summary>
    public string? Account { get; init; }

    /// <summary>What FindLicenseServers answered, when the caller already asked it (discovery); null: the probe asks it itself on the session host.</summary>
    internal Live.DiscoveredLicenseServers? Discovery { get; init; }
}

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
}

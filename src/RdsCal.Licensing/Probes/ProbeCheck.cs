namespace RdsCal.Licensing.Probes;

/// <summary>One check <c>rdscal probe</c> runs against a license server; <see cref="ProbeCheckNames"/> gives the contract's names.</summary>
public enum ProbeCheck
{
    /// <summary><c>dns</c>: the name resolves (addresses listed).</summary>
    Dns,

    /// <summary><c>tcp135</c>: the RPC endpoint mapper accepts a TCP connection.</summary>
    Tcp135,

    /// <summary><c>tcp445</c>: SMB (named pipes, which the licensing RPC uses) accepts a TCP connection.</summary>
    Tcp445,

    /// <summary><c>connectivity</c>: <c>Win32_TerminalServiceSetting.GetTStoLSConnectivityStatus</c> on the session host.</summary>
    Connectivity,

    /// <summary><c>activation</c>: <c>Win32_TSLicenseServer.GetActivationStatus</c> on the license server.</summary>
    Activation,

    /// <summary><c>cals</c>: the key packs (<c>Win32_TSLicenseKeyPack</c>) on the license server.</summary>
    Cals,

    /// <summary><c>groups</c>: the license server's group checks (<c>IsTSinTSCGroup</c>, <c>IsLSinTSLSGroup</c>).</summary>
    Groups,

    /// <summary><c>cals-match</c>: CALs of the host's mode and an accepted version on some activated server.</summary>
    CalsMatch,

    /// <summary><c>pipe</c>: the license server's <c>\\SERVER\pipe\HYDRALSPIPE</c> opens (Windows only); its row follows <c>tcp445</c>.</summary>
    Pipe,
}

/// <summary>How a check ended.</summary>
public enum ProbeOutcome
{
    /// <summary>An answer that says all is well (never given without one).</summary>
    Ok,

    /// <summary>An answer that says something is wrong.</summary>
    Problem,

    /// <summary>The check could not be run or gave no usable answer (not Windows, WMI failure, not built).</summary>
    Unavailable,

    /// <summary>The check was not run because an earlier one makes it meaningless (the name does not resolve).</summary>
    Skipped,
}

/// <summary>Where a probed server's name came from.</summary>
public enum ProbeServerSource
{
    /// <summary>The license-server policy (Group Policy), which wins.</summary>
    Policy,

    /// <summary>The session host's own setting (Server Manager, WMI).</summary>
    ServerSetting,

    /// <summary>Named on the command line (<c>--server</c>).</summary>
    Given,

    /// <summary>Found by <c>FindLicenseServers</c>, not configured.</summary>
    Discovered,
}

/// <summary>The names the JSON contract and the text output use for checks, outcomes and sources.</summary>
public static class ProbeCheckNames
{
    /// <summary><c>dns</c>, <c>tcp135</c>, <c>tcp445</c>, <c>pipe</c>, …, <c>cals-match</c>.</summary>
    public static string Of(ProbeCheck check) => check switch
    {
        ProbeCheck.Dns => "dns",
        ProbeCheck.Tcp135 => "tcp135",
        ProbeCheck.Tcp445 => "tcp445",
        ProbeCheck.Connectivity => "connectivity",
        ProbeCheck.Activation => "activation",
        ProbeCheck.Cals => "cals",
        ProbeCheck.Groups => "groups",
        ProbeCheck.CalsMatch => "cals-match",
        ProbeCheck.Pipe => "pipe",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "not a probe check"),
    };

    /// <summary><c>ok</c>, <c>problem</c>, <c>unavailable</c>, <c>skipped</c>.</summary>
    public static string Of(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Ok => "ok",
        ProbeOutcome.Problem => "problem",
        ProbeOutcome.Unavailable => "unavailable",
        ProbeOutcome.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not a probe outcome"),
    };

    /// <summary><c>policy</c>, <c>serverSetting</c>, <c>given</c>, <c>discovered</c>.</summary>
    public static string Of(ProbeServerSource source) => source switch
    {
        ProbeServerSource.Policy => "policy",
        ProbeServerSource.ServerSetting => "serverSetting",
        ProbeServerSource.Given => "given",
        ProbeServerSource.Discovered => "discovered",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "not a server source"),
    };
}

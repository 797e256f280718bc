using System.Globalization;
using RdsCal.Licensing.Live;

namespace RdsCal.Licensing.Probes;

/// <summary>
/// The WMI checks' wording: every documented value of GetTStoLSConnectivityStatus and GetActivationStatus, and every
/// failure, turned into an outcome and evidence. A value is ok only where Microsoft documents it as a valid connection
/// or an activated server; an undocumented value, an "unknown" and every failure are never ok.
/// </summary>
public static class WmiChecks
{
    // learn.microsoft.com/windows/win32/termserv/gettstolsconnectivitystatus-win32-terminalservicesetting
    private static readonly (string? Constant, ProbeOutcome Outcome, string Meaning)[] Connectivity =
    [
        ("LS_CONNECTABLE_UNKNOWN", ProbeOutcome.Unavailable, "the connectivity status cannot be determined"),
        ("LS_CONNECTABLE_VALID_WS08R2", ProbeOutcome.Ok, "the session host can connect to a valid Windows Server 2008 R2 license server"),
        ("LS_CONNECTABLE_VALID_WS08", ProbeOutcome.Ok, "the session host can connect to a valid Windows Server 2008 license server"),
        ("LS_CONNECTABLE_BETA_RTM_MISMATCH", ProbeOutcome.Problem, "connectable, but one of the two runs a beta version of Windows (beta/RTM mismatch)"),
        ("LS_CONNECTABLE_LOWER_VERSION", ProbeOutcome.Problem, "connectable, but the license server is of a lower version than the session host (incompatible)"),
        ("LS_CONNECTABLE_NOT_IN_TSCGROUP", ProbeOutcome.Problem, "the license server's security group policy is on and this host is not in its Terminal Server Computers (RDS Endpoint Servers) group"),
        ("LS_NOT_CONNECTABLE", ProbeOutcome.Problem, "the session host cannot connect to the license server"),
        ("LS_CONNECTABLE_UNKNOWN_VALIDITY", ProbeOutcome.Problem, "connectable, but the validity of the license server cannot be determined"),
        ("LS_CONNECTABLE_BUT_ACCESS_DENIED", ProbeOutcome.Problem, "connectable, but the account has no administrator rights on the license server (access denied)"),
        ("LS_CONNECTABLE_VALID_WS08R2_VDI", ProbeOutcome.Ok, "the session host can connect to a valid Windows Server 2008 R2 VDI license server"),
        ("LS_CONNECTABLE_FEATURE_NOT_SUPPORTED", ProbeOutcome.Unavailable, "the feature is not supported"),
        ("LS_CONNECTABLE_VALID_LS", ProbeOutcome.Ok, "the license server is valid"),
    ];

    // learn.microsoft.com/windows/win32/termserv/getactivationstatus-win32-tslicenseserver (facts file section 10);
    // the page names no constants.
    private static readonly (string? Constant, ProbeOutcome Outcome, string Meaning)[] Activation =
    [
        (null, ProbeOutcome.Ok, "activated"),
        (null, ProbeOutcome.Problem, "not activated"),
        (null, ProbeOutcome.Unavailable, "activation status unknown"),
    ];

    /// <summary>LS_NOT_CONNECTABLE: the session host's own word for "cannot reach the license server".</summary>
    public const uint NotConnectable = 6;

    /// <summary>The <c>connectivity</c> row for an answer of GetTStoLSConnectivityStatus.</summary>
    public static ProbeResult ConnectivityRow(WmiAnswer answer, long elapsedMs, string? ranFrom) =>
        Row(ProbeCheck.Connectivity, Connectivity, answer, elapsedMs, ranFrom);

    /// <summary>
    /// The <c>connectivity</c> row with what FindLicenseServers said of the same server appended
    /// (learn.microsoft.com/windows/win32/termserv/win32-tsdiscoveredlicenseserver). A verdict of ok that discovery
    /// contradicts (IsLSAvailable 0, or IssuingCALs 0) becomes a problem: two answers of the same service disagree.
    /// </summary>
    public static ProbeResult ConnectivityRow(WmiAnswer answer, DiscoveredLicenseServers? discovery, string server, long elapsedMs, string? ranFrom)
    {
        var row = ConnectivityRow(answer, elapsedMs, ranFrom);
        if (discovery is null)
        {
            return row;
        }
        if (discovery.Call.Status != WmiAnswerStatus.Answered)
        {
            return row with { Evidence = $"{row.Evidence}; {discovery.Call.Class}.{discovery.Call.Method}: {discovery.Call.Reason}" };
        }
        if (discovery.For(server) is not { } found)
        {
            return row with { Evidence = $"{row.Evidence}; FindLicenseServers did not list {server}" };
        }
        bool contradicts = found.IsLSAvailable == 0 || found.IssuingCALs == 0;
        return row with
        {
            Outcome = row.Outcome == ProbeOutcome.Ok && contradicts ? ProbeOutcome.Problem : row.Outcome,
            Evidence = $"{row.Evidence}; FindLicenseServers: {found.Words}{(row.Outcome == ProbeOutcome.Ok && contradicts ? " (which contradicts the verdict)" : string.Empty)}",
        };
    }

    /// <summary>The <c>activation</c> row for an answer of GetActivationStatus.</summary>
    public static ProbeResult ActivationRow(WmiAnswer answer, long elapsedMs, string? ranFrom) =>
        Row(ProbeCheck.Activation, Activation, answer, elapsedMs, ranFrom);

    private static ProbeResult Row(ProbeCheck check, (string? Constant, ProbeOutcome Outcome, string Meaning)[] documented, WmiAnswer answer, long elapsedMs, string? ranFrom)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Value is not { } value || answer.Status != WmiAnswerStatus.Answered)
        {
            return Failed(check, answer, elapsedMs, ranFrom);
        }
        string said = string.Create(CultureInfo.InvariantCulture, $"{answer.Class}.{answer.Method} returned 0, status {value}");
        if (value >= documented.Length)
        {
            return new(check, ProbeOutcome.Unavailable, $"{said}: a value Microsoft does not document", elapsedMs, ranFrom) { Answer = value };
        }
        var (constant, outcome, meaning) = documented[value];
        return new(check, outcome, constant is null ? $"{said}: {meaning}" : $"{said} ({constant}): {meaning}", elapsedMs, ranFrom) { Answer = value };
    }

    // A failed call is "unavailable": it says nothing about the server, only that rdscal could not ask.
    private static ProbeResult Failed(ProbeCheck check, WmiAnswer answer, long elapsedMs, string? ranFrom) =>
        new(check, ProbeOutcome.Unavailable, $"{answer.Class}.{answer.Method}: {answer.Reason ?? "answered without a value"}", elapsedMs, ranFrom);
}

using RdsCal.Licensing.Plans;

namespace RdsCal.Licensing.Live;

/// <summary>
/// The running service's Win32_TerminalServiceSetting WMI object. An interface so the success path, which only a
/// real RD Session Host can produce, is tested with a fake.
/// </summary>
public interface ITerminalServiceSettings
{
    /// <summary>Calls a method so the running service applies a setting now; never throws for a WMI failure.</summary>
    ServiceUpdate Invoke(WmiCall call);

    /// <summary>Asks the running service how many grace-period days are left; never throws for a WMI failure.</summary>
    GracePeriodQuery GetGracePeriodDays();

    /// <summary>
    /// <c>GetTStoLSConnectivityStatus(ServerName)</c>: how the running service judges its connection to a license server
    /// (LS_CONNECTABLE_* values); never throws for a WMI failure. The default answers
    /// <see cref="WmiAnswerStatus.Unavailable"/>, so implementations written before the probe never claim a value.
    /// </summary>
    WmiAnswer GetTStoLSConnectivityStatus(string server) =>
        new(ServiceUpdate.Namespace, ServiceUpdate.ClassName, "GetTStoLSConnectivityStatus", WmiAnswerStatus.Unavailable, Detail: "this implementation does not ask it");

    /// <summary>
    /// <c>FindLicenseServers</c>: the license servers the running service discovers, each with whether it answers RPC,
    /// whether the caller is its administrator and whether it may issue CALs to this host; never throws for a WMI
    /// failure. The default answers <see cref="WmiAnswerStatus.Unavailable"/>, so older implementations claim nothing.
    /// </summary>
    DiscoveredLicenseServers FindLicenseServers() =>
        DiscoveredLicenseServers.Failed(WmiAnswerStatus.Unavailable, "this implementation does not ask it");
}

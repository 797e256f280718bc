namespace RdsCal.Licensing.Live;

/// <summary>
/// The one seam for what rdscal asks a running machine beyond its registry: one small interface per source
/// (Win32_TerminalServiceSetting on the session host, Win32_TSLicenseServer on a license server, the licensing event
/// log channels), so each is faked on its own in tests and new live sources are added here as properties rather than
/// threaded through every front end.
/// </summary>
public sealed class LiveQueries
{
    /// <summary>A seam over the session host's class; license servers and the event log cannot be asked.</summary>
    public LiveQueries(ITerminalServiceSettings terminalServiceSetting)
        : this(terminalServiceSetting, new UnavailableQueries("no license-server WMI was given"), new UnavailableEventLog("no event log was given to this seam"))
    {
    }

    /// <summary>A seam over the given per-source implementations.</summary>
    public LiveQueries(ITerminalServiceSettings terminalServiceSetting, ITSLicenseServer licenseServer, ILiveEventLog? eventLog = null)
    {
        ArgumentNullException.ThrowIfNull(terminalServiceSetting);
        ArgumentNullException.ThrowIfNull(licenseServer);
        TerminalServiceSetting = terminalServiceSetting;
        LicenseServer = licenseServer;
        EventLog = eventLog ?? new UnavailableEventLog("no event log was given to this seam");
    }

    /// <summary>Win32_TerminalServiceSetting (root\cimv2\TerminalServices) of the machine.</summary>
    public ITerminalServiceSettings TerminalServiceSetting { get; }

    /// <summary>Win32_TSLicenseServer (root\cimv2) of a license server, asked remotely.</summary>
    public ITSLicenseServer LicenseServer { get; }

    /// <summary>The machine's licensing event log channels.</summary>
    public ILiveEventLog EventLog { get; }

    /// <summary>This machine through WMI and the event log service on Windows; elsewhere every query answers "unavailable", never a value.</summary>
    public static LiveQueries ThisMachine() =>
        OperatingSystem.IsWindows()
            ? new(new WmiTerminalServiceSettings(), new WmiTSLicenseServer(), new WindowsEventLog())
            : new(new UnavailableQueries("WMI exists only on Windows"), new UnavailableQueries("WMI exists only on Windows"), new UnavailableEventLog("the event log service exists only on Windows"));

    /// <summary>A machine nothing can be asked of: every query answers <see cref="ServiceUpdateStatus.Unavailable"/> with the reason.</summary>
    public static LiveQueries Unavailable(string reason)
    {
        var none = new UnavailableQueries(reason);
        return new(none, none, new UnavailableEventLog(reason));
    }

    private sealed class UnavailableEventLog(string reason) : ILiveEventLog
    {
        public IReadOnlyList<string> Warnings => [];

        public IEnumerable<Events.LoggedEvent> Read(Events.EventQuery query) => throw new EventLogUnavailableException(reason);
    }

    private sealed class UnavailableQueries(string reason) : ITerminalServiceSettings, ITSLicenseServer
    {
        public ServiceUpdate Invoke(Plans.WmiCall call)
        {
            ArgumentNullException.ThrowIfNull(call);
            return new ServiceUpdate(call.Method, ServiceUpdateStatus.Unavailable, Detail: reason);
        }

        public GracePeriodQuery GetGracePeriodDays() =>
            new(null, new ServiceUpdate("GetGracePeriodDays", ServiceUpdateStatus.Unavailable, Detail: reason));

        public WmiAnswer GetTStoLSConnectivityStatus(string server) =>
            new(ServiceUpdate.Namespace, ServiceUpdate.ClassName, "GetTStoLSConnectivityStatus", WmiAnswerStatus.Unavailable, Detail: reason);

        public WmiAnswer GetActivationStatus(string server) =>
            new(ITSLicenseServer.Namespace, ITSLicenseServer.ClassName, "GetActivationStatus", WmiAnswerStatus.Unavailable, Detail: reason);
    }
}

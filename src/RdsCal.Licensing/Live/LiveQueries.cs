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
        : this(terminalServiceSetting, licenseServer, new UnavailableQueries("no key-pack WMI was given"), eventLog)
    {
    }

    internal LiveQueries(ITerminalServiceSettings terminalServiceSetting, ITSLicenseServer licenseServer, ITSLicenseKeyPack keyPacks, ILiveEventLog? eventLog = null, ITSIssuedLicense? issuedLicenses = null, ILicensingPipe? pipe = null, IMachineDataProtection? dataProtection = null)
    {
        ArgumentNullException.ThrowIfNull(terminalServiceSetting);
        ArgumentNullException.ThrowIfNull(licenseServer);
        ArgumentNullException.ThrowIfNull(keyPacks);
        TerminalServiceSetting = terminalServiceSetting;
        LicenseServer = licenseServer;
        KeyPacks = keyPacks;
        EventLog = eventLog ?? new UnavailableEventLog("no event log was given to this seam");
        IssuedLicenses = issuedLicenses ?? new UnavailableQueries("no issued-license WMI was given");
        Pipe = pipe ?? new UnavailablePipe("no named-pipe client was given to this seam");
        DataProtection = dataProtection ?? new UnavailableDataProtection("no DPAPI was given to this seam");
    }

    /// <summary>Win32_TerminalServiceSetting (root\cimv2\TerminalServices) of the machine.</summary>
    public ITerminalServiceSettings TerminalServiceSetting { get; }

    /// <summary>Win32_TSLicenseServer (root\cimv2) of a license server, asked remotely.</summary>
    public ITSLicenseServer LicenseServer { get; }

    /// <summary>Win32_TSLicenseKeyPack (root\cimv2) of a license server, asked remotely.</summary>
    internal ITSLicenseKeyPack KeyPacks { get; }

    /// <summary>Win32_TSIssuedLicense (root\cimv2) of a license server.</summary>
    internal ITSIssuedLicense IssuedLicenses { get; }

    /// <summary>The license server's named pipe, opened from this machine.</summary>
    internal ILicensingPipe Pipe { get; }

    /// <summary>DPAPI (LocalMachine scope) of this machine, for the grace period's end date.</summary>
    internal IMachineDataProtection DataProtection { get; }

    /// <summary>The machine's licensing event log channels.</summary>
    public ILiveEventLog EventLog { get; }

    /// <summary>This machine through WMI and the event log service on Windows; elsewhere every query answers "unavailable", never a value.</summary>
    public static LiveQueries ThisMachine() => ThisMachine(null);

    /// <summary>
    /// <see cref="ThisMachine()"/>, asking license servers as <paramref name="licenseServerCredential"/> (null: the account
    /// running rdscal); this machine's own classes are always asked as that account, since WMI refuses a credential locally.
    /// </summary>
    public static LiveQueries ThisMachine(System.Net.NetworkCredential? licenseServerCredential) =>
        OperatingSystem.IsWindows()
            ? new(new WmiTerminalServiceSettings(), new WmiTSLicenseServer(licenseServerCredential), new WmiTSLicenseKeyPack(licenseServerCredential), new WindowsEventLog(), new WmiTSIssuedLicense(licenseServerCredential), new NamedPipeLicensingPipe(), new WindowsMachineDataProtection())
            : Unavailable("WMI exists only on Windows", "the event log service exists only on Windows");

    /// <summary>A machine nothing can be asked of: every query answers <see cref="ServiceUpdateStatus.Unavailable"/> with the reason.</summary>
    public static LiveQueries Unavailable(string reason) => Unavailable(reason, reason);

    private static LiveQueries Unavailable(string wmiReason, string eventLogReason)
    {
        var none = new UnavailableQueries(wmiReason);
        // Named pipes to another machine are SMB, which only Windows' client speaks here (.NET maps them to Unix sockets elsewhere).
        return new(none, none, none, new UnavailableEventLog(eventLogReason), none, new UnavailablePipe(OperatingSystem.IsWindows() ? wmiReason : "named pipes to another machine (SMB) are opened only on Windows"),
            new UnavailableDataProtection(OperatingSystem.IsWindows() ? wmiReason : "DPAPI exists only on Windows"));
    }

    private sealed class UnavailableEventLog(string reason) : ILiveEventLog
    {
        public IReadOnlyList<string> Warnings => [];

        public IEnumerable<Events.LoggedEvent> Read(Events.EventQuery query) => throw new EventLogUnavailableException(reason);
    }

    private sealed class UnavailableDataProtection(string reason) : IMachineDataProtection
    {
        public UnprotectAnswer Unprotect(byte[] blob) => new(null, reason, Available: false);
    }

    private sealed class UnavailablePipe(string reason) : ILicensingPipe
    {
        public PipeAnswer Open(string server, TimeSpan timeout) => new(PipeStatus.Unavailable, reason);
    }

    private sealed class UnavailableQueries(string reason) : ITerminalServiceSettings, ITSLicenseServer, ITSLicenseKeyPack, ITSIssuedLicense
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

        public DiscoveredLicenseServers FindLicenseServers() => DiscoveredLicenseServers.Failed(WmiAnswerStatus.Unavailable, reason);

        public WmiAnswer GetActivationStatus(string server) => LicenseServer("GetActivationStatus");

        public WmiAnswer IsTSinTSCGroup(string server, string sessionHost) => LicenseServer("IsTSinTSCGroup");

        public WmiAnswer IsLSinTSLSGroup(string server, string domain) => LicenseServer("IsLSinTSLSGroup");

        public WmiAnswer IsSecureAccessAllowed(string server, string sessionHost) => LicenseServer("IsSecureAccessAllowed");

        public KeyPackList GetKeyPacks(string server) => KeyPackList.Failed(WmiAnswerStatus.Unavailable, reason);

        public IssuedLicenseList GetIssuedLicenses(string server) => IssuedLicenseList.Failed(WmiAnswerStatus.Unavailable, reason);

        private WmiAnswer LicenseServer(string method) =>
            new(ITSLicenseServer.Namespace, ITSLicenseServer.ClassName, method, WmiAnswerStatus.Unavailable, Detail: reason);
    }
}

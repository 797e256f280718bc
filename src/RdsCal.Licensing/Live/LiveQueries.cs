namespace RdsCal.Licensing.Live;

/// <summary>
/// The one seam for what rdscal asks a running machine beyond its registry: one small interface per WMI class (today
/// Win32_TerminalServiceSetting), so each is faked on its own in tests and new live sources (event log channels,
/// license-server classes) are added here as properties rather than threaded through every front end.
/// </summary>
public sealed class LiveQueries
{
    /// <summary>A seam over the given per-class implementations.</summary>
    public LiveQueries(ITerminalServiceSettings terminalServiceSetting, ILiveEventLog? eventLog = null)
    {
        ArgumentNullException.ThrowIfNull(terminalServiceSetting);
        TerminalServiceSetting = terminalServiceSetting;
        EventLog = eventLog ?? new UnavailableEventLog("no event log was given to this seam");
    }

    /// <summary>The machine's licensing event log channels.</summary>
    public ILiveEventLog EventLog { get; }

    /// <summary>Win32_TerminalServiceSetting (root\cimv2\TerminalServices) of the machine.</summary>
    public ITerminalServiceSettings TerminalServiceSetting { get; }

    /// <summary>This machine through WMI on Windows; elsewhere every query answers "unavailable", never a value.</summary>
    public static LiveQueries ThisMachine() =>
        OperatingSystem.IsWindows() ? new(new WmiTerminalServiceSettings(), new WindowsEventLog()) : Unavailable("WMI and the event log service exist only on Windows");

    /// <summary>A machine nothing can be asked of: every query answers <see cref="ServiceUpdateStatus.Unavailable"/> with the reason.</summary>
    public static LiveQueries Unavailable(string reason) => new(new UnavailableTerminalServiceSettings(reason), new UnavailableEventLog(reason));

    private sealed class UnavailableEventLog(string reason) : ILiveEventLog
    {
        public IReadOnlyList<string> Warnings => [];

        public IEnumerable<Events.LoggedEvent> Read(Events.EventQuery query) => throw new EventLogUnavailableException(reason);
    }

    private sealed class UnavailableTerminalServiceSettings(string reason) : ITerminalServiceSettings
    {
        public ServiceUpdate Invoke(Plans.WmiCall call)
        {
            ArgumentNullException.ThrowIfNull(call);
            return new ServiceUpdate(call.Method, ServiceUpdateStatus.Unavailable, Detail: reason);
        }

        public GracePeriodQuery GetGracePeriodDays() =>
            new(null, new ServiceUpdate("GetGracePeriodDays", ServiceUpdateStatus.Unavailable, Detail: reason));
    }
}

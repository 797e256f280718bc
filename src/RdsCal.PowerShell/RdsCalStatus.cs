using RdsCal.Licensing;
using RdsCal.Licensing.Reports;
using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Snapshot;

namespace RdsCal.PowerShell;

/// <summary>
/// A machine's licensing status as <c>Get-RdsCalStatus</c> returns it. The properties mirror the
/// <c>rdscal status --json</c> contract (docs/status-json.md): <c>LicensingMode.Effective</c>,
/// <c>LicensingMode.Source</c>, <c>LicenseServers.Effective</c>, <c>Findings[].Code</c>, <c>Findings[].Severity</c>, …
/// </summary>
public sealed class RdsCalStatus
{
    internal RdsCalStatus(string machine, StatusReport report)
    {
        Machine = machine;
        Report = report.WordedBy(CmdletWording.Instance);
        var s = report.Snapshot;
        Sources = new RdsCalSources(Source(s.SystemSource, report), Source(s.SoftwareSource, report));
    }

    /// <summary>The machine: its folder's name, the computer's name when live, or the input's folder.</summary>
    public string Machine { get; }

    /// <summary>The report this object presents (snapshot, findings, reader warnings).</summary>
    public StatusReport Report { get; }

    /// <summary>The inputs read, with the reader's warnings for each.</summary>
    public RdsCalSources Sources { get; }

    /// <summary>When the snapshot was taken.</summary>
    public DateTimeOffset ReadAt => Report.Snapshot.ReadAt;

    /// <summary>The control set read (from SYSTEM\Select\Current), or null when unresolved.</summary>
    public string? ControlSet => Report.Snapshot.ControlSet;

    /// <summary>True when read from the running registry.</summary>
    public bool Live => Report.Snapshot.IsLive;

    /// <summary>The licensing mode in effect (<c>Effective</c>), its number (<c>Raw</c>), who set it (<c>Source</c>), where (<c>From</c>) and what it shadows.</summary>
    public ModeSetting LicensingMode => Report.Snapshot.Mode;

    /// <summary>The license servers the host asks (<c>Effective</c>), who set them (<c>Source</c>), and every shape found.</summary>
    public ServerSetting LicenseServers => Report.Snapshot.Servers;

    /// <summary>The grace period timebomb.</summary>
    public GracePeriodInfo GracePeriod => Report.Snapshot.GracePeriod;

    /// <summary>Role, product and domain facts.</summary>
    public HostInfo Host => Report.Snapshot.Host;

    /// <summary>RCM certificate values.</summary>
    public IReadOnlyList<RegistryValueInfo> Certificates => Report.Snapshot.Certificates;

    /// <summary>License server parameters (TermServLicensing) present on this machine.</summary>
    public IReadOnlyList<RegistryValueInfo> LicenseServerParameters => Report.Snapshot.LicenseServerParameters;

    /// <summary>Licensing-related policies present.</summary>
    public IReadOnlyList<RegistryValueInfo> Policies => Report.Snapshot.Policies;

    /// <summary>The client license store (MSLicensing).</summary>
    public ClientStoreInfo ClientStore => Report.Snapshot.ClientStore;

    /// <summary>What limits how far the report can be trusted.</summary>
    public IReadOnlyList<string> DataQuality => Report.Snapshot.DataQuality;

    /// <summary>The diagnosis: <c>Code</c> (RDS001…), <c>Severity</c>, <c>Message</c>, <c>Remedy</c>, <c>Evidence</c>, and <c>Events</c> when an event log was read.</summary>
    public IReadOnlyList<Finding> Findings => Report.Findings;

    /// <summary>What was read of the event log (<c>-EventPath</c>, or live the last 30 days), or null when none was asked for.</summary>
    public RdsCal.Licensing.Events.EventLogReading? EventLog => Report.EventLog;

    /// <summary>
    /// The whole status as <c>rdscal status --json</c> writes it (docs/status-json.md). Remoting serialises objects
    /// one level deep, so the nested properties above arrive as their type names; this string arrives whole, and
    /// <c>ConvertTo-RdsCalFleetReport</c> rebuilds the status from it on the caller.
    /// </summary>
    public string StatusJson
    {
        get
        {
            using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            StatusJsonWriter.Write(Report, Tool, text);
            return text.ToString();
        }
    }

    private static readonly string Tool = $"RdsCal module {typeof(RdsCalStatus).Assembly.GetName().Version?.ToString(3)}";

    private static RdsCalSource? Source(string? label, StatusReport report) =>
        label is null ? null : new RdsCalSource(label, report.SourceWarnings.TryGetValue(label, out var w) ? w : []);
}

/// <summary>The inputs a status was read from.</summary>
/// <param name="System">The SYSTEM input, or null.</param>
/// <param name="Software">The SOFTWARE input, or null.</param>
public sealed record RdsCalSources(RdsCalSource? System, RdsCalSource? Software);

/// <summary>One input and the reader's warnings about it (dirty hive, logs replayed or rejected).</summary>
/// <param name="Path">The input (file path, or <c>live</c>).</param>
/// <param name="Warnings">What the reader noticed.</param>
public sealed record RdsCalSource(string Path, IReadOnlyList<string> Warnings);

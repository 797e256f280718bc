using System.Diagnostics.Eventing.Reader;
using System.Globalization;
using System.Runtime.Versioning;
using RdsCal.Licensing.Events;

namespace RdsCal.Licensing.Live;

/// <summary>
/// The licensing channels of this Windows machine through <see cref="EventLogReader"/>, one structured query per
/// channel selecting the catalogue's providers and ids. A channel that cannot be read is a warning; when none can be
/// read (the event log service stubbed, as under Wine, or access denied everywhere) reading fails with the reason.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsEventLog : ILiveEventLog
{
    private static readonly string[] Channels = [EventCatalog.System, EventCatalog.RcmAdmin, EventCatalog.RcmOperational, EventCatalog.LicensingProvider + "/Operational"];

    private readonly List<string> _warnings = [];

    /// <inheritdoc />
    public IReadOnlyList<string> Warnings => _warnings;

    /// <inheritdoc />
    public IEnumerable<LoggedEvent> Read(EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        _warnings.Clear();
        var found = new List<LoggedEvent>();
        int read = 0;
        foreach (string channel in Channels)
        {
            try
            {
                using var reader = new EventLogReader(new EventLogQuery(channel, PathType.LogName, XPath(query)) { ReverseDirection = true });
                for (var record = reader.ReadEvent(); record is not null; record = reader.ReadEvent())
                {
                    using (record)
                    {
                        var e = From(record);
                        if (query.Keeps(e))
                        {
                            found.Add(e);
                        }
                    }
                }
                read++;
            }
            catch (Exception ex) when (ex is EventLogException or UnauthorizedAccessException or InvalidOperationException or PlatformNotSupportedException or EntryPointNotFoundException or DllNotFoundException)
            {
                _warnings.Add($"{channel}: {ex.Message}");
            }
        }
        if (read == 0)
        {
            throw new EventLogUnavailableException(string.Join("; ", _warnings));
        }
        found.Sort((a, b) => Nullable.Compare(b.TimeCreated, a.TimeCreated));
        return found;
    }

    // The catalogue's ids, and the time window, as an XPath filter the service applies itself.
    private static string XPath(EventQuery query)
    {
        var ids = (query.Ids.Count > 0 ? query.Ids : EventCatalog.All.Select(e => e.Id)).Distinct().Select(i => string.Create(CultureInfo.InvariantCulture, $"EventID={i}"));
        string filter = query.All ? string.Empty : $"({string.Join(" or ", ids)})";
        if (query.Since is { } since)
        {
            filter += (filter.Length > 0 ? " and " : string.Empty) + string.Create(CultureInfo.InvariantCulture, $"TimeCreated[@SystemTime>='{since:yyyy-MM-ddTHH:mm:ss.fffZ}']");
        }
        return filter.Length == 0 ? "*" : $"*[System[{filter}]]";
    }

    private static LoggedEvent From(EventRecord r) =>
        new((ulong)(r.RecordId ?? 0), r.TimeCreated?.ToUniversalTime(), r.ProviderName, null, r.Id, r.Qualifiers, r.Level, r.LogName, r.MachineName,
            [.. r.Properties.Select(p => new LoggedEventData(null, Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? string.Empty))], "live");
}

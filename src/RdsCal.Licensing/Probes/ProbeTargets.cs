using System.Net;
using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Probes;

/// <summary>Which servers to probe: those named, or the effective ones a snapshot (hive files or the live registry) gives.</summary>
public static class ProbeTargets
{
    /// <summary>The servers named on the command line, as given.</summary>
    public static IReadOnlyList<ProbeTarget> Given(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return [.. names.Select(n => new ProbeTarget(n, ProbeServerSource.Given))];
    }

    /// <summary>
    /// The snapshot's effective servers, with their source. When probed from another machine (hive files), a short name
    /// is qualified with the host's primary DNS suffix from the hive, because this machine's resolver would otherwise
    /// try its own search list; the note says so. On the host itself the name is kept as the host would use it.
    /// </summary>
    public static IReadOnlyList<ProbeTarget> From(LicensingSnapshot snapshot, bool qualify)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var source = snapshot.Servers.Source == SettingSource.Policy ? ProbeServerSource.Policy : ProbeServerSource.ServerSetting;
        string? suffix = qualify && !string.IsNullOrWhiteSpace(snapshot.Host.Domain) ? snapshot.Host.Domain.Trim('.') : null;
        return [.. snapshot.Servers.Effective.Select(name => IsShort(name) && suffix is not null
            ? new ProbeTarget($"{name}.{suffix}", source, $"configured as {name}; qualified with the hive's primary DNS suffix {suffix}")
            : new ProbeTarget(name, source))];
    }

    /// <summary>The servers FindLicenseServers discovered (none unless it answered), with source <see cref="ProbeServerSource.Discovered"/>.</summary>
    public static IReadOnlyList<ProbeTarget> Discovered(Live.DiscoveredLicenseServers discovery)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        return [.. discovery.Servers.Select(s => new ProbeTarget(s.Name, ProbeServerSource.Discovered, "not configured: found by FindLicenseServers on this machine"))];
    }

    private static bool IsShort(string name) => !name.Contains('.', StringComparison.Ordinal) && !IPAddress.TryParse(name, out _);
}

using System.Globalization;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Probes;

/// <summary>
/// The one probe workflow both front ends run (<c>rdscal probe</c>, <c>Test-RdsCalLicenseServer</c>): check the request,
/// read the session host's registry where there is one (the hives, or this machine's on Windows) for its name, domain,
/// mode and build, choose the servers (named, or the registry's effective ones), and run <see cref="LicenseServerProbe"/>.
/// </summary>
public static class ProbeRun
{
    /// <summary>Probes as <paramref name="request"/> says, asking this machine's WMI (unavailable off Windows, with the reason).</summary>
    /// <exception cref="ProbeRefusedException">The request cannot be run (see <see cref="ProbeRefusalReason"/>).</exception>
    /// <exception cref="FileNotFoundException">A named hive file does not exist.</exception>
    /// <exception cref="RdsCal.Registry.RegistryFormatException">A hive file is corrupt or not a registry input of its role.</exception>
    public static Task<ProbeReport> RunAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(request, LiveQueries.ThisMachine(request.Credential), cancellationToken);
    }

    /// <summary>Probes as <paramref name="request"/> says, asking WMI through <paramref name="live"/>.</summary>
    /// <exception cref="ProbeRefusedException">The request cannot be run (see <see cref="ProbeRefusalReason"/>).</exception>
    /// <exception cref="FileNotFoundException">A named hive file does not exist.</exception>
    /// <exception cref="RdsCal.Registry.RegistryFormatException">A hive file is corrupt or not a registry input of its role.</exception>
    public static async Task<ProbeReport> RunAsync(ProbeRequest request, LiveQueries live, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(live);
        if (!(request.Timeout > TimeSpan.Zero && request.Timeout <= ProbeRequest.MaxTimeout))
        {
            throw new ProbeRefusedException(ProbeRefusalReason.TimeoutOutOfRange, string.Create(CultureInfo.InvariantCulture,
                $"the timeout {request.Timeout.TotalSeconds} s is not above 0 and at most {ProbeRequest.MaxTimeout.TotalSeconds} s"));
        }
        bool offline = !request.Machine.IsLive;
        var named = request.Servers.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        if (named.Count > 0 && offline)
        {
            throw new ProbeRefusedException(ProbeRefusalReason.ServersAndFiles, "servers were named and hive files given: the servers come from one of them");
        }
        if (named.Count == 0 && !offline && !OperatingSystem.IsWindows())
        {
            throw new ProbeRefusedException(ProbeRefusalReason.LiveRegistryNeedsWindows, "no server was named, and this machine's own settings exist only on Windows");
        }
        // The session host's registry gives groups and cals-match the host's name, domain, mode and build; named servers
        // off Windows have none, and those rows say so.
        var host = offline || OperatingSystem.IsWindows() ? ReadHost(request.Machine) : null;
        var targets = named.Count > 0 ? ProbeTargets.Given(named) : ProbeTargets.From(host!, qualify: offline);
        DiscoveredLicenseServers? discovery = null;
        if (targets.Count == 0 && !offline)
        {
            // Nothing configured: the servers the session host's own service discovers are probed, shown as discovered
            // (learn.microsoft.com/windows/win32/termserv/findlicenseservers-win32-terminalservicesetting).
            discovery = live.TerminalServiceSetting.FindLicenseServers();
            targets = ProbeTargets.Discovered(discovery);
            if (targets.Count == 0)
            {
                throw new ProbeRefusedException(ProbeRefusalReason.NoServerConfigured, discovery.Call.Status == WmiAnswerStatus.Answered
                    ? "no license server is configured on this machine, and FindLicenseServers discovered none"
                    : $"no license server is configured on this machine, and discovery could not be asked: {discovery.Call.Reason}");
            }
        }
        if (targets.Count == 0)
        {
            throw new ProbeRefusedException(ProbeRefusalReason.NoServerConfigured, "no license server is configured in these hives (discovery asks only this machine's own service)");
        }
        var options = new ProbeOptions
        {
            Timeout = request.Timeout,
            SessionHostIsHere = !offline,
            SessionHost = host,
            Discovery = discovery,
            Account = request.Credential is { } c ? (c.Domain.Length > 0 ? $"{c.Domain}\\{c.UserName}" : c.UserName) : null,
        };
        return await new LicenseServerProbe(live, options).RunAsync(targets, cancellationToken).ConfigureAwait(false);
    }

    private static LicensingSnapshot ReadHost(Changes.MachineLocation location)
    {
        using var machine = location.Open();
        return SnapshotReader.Read(machine);
    }
}

using System.Diagnostics;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Probes;

/// <summary>
/// Runs every check against each license server: the network checks from here on any OS, the WMI checks through
/// <see cref="LiveQueries"/> (unavailable, with the reason, wherever WMI cannot answer), and turns problems into
/// RDS019/RDS020 findings.
/// </summary>
public sealed class LicenseServerProbe
{
    private readonly LiveQueries _live;
    private readonly ProbeOptions _options;

    /// <summary>A probe asking WMI through <paramref name="live"/>.</summary>
    public LicenseServerProbe(LiveQueries live, ProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(options);
        _live = live;
        _options = options;
    }

    /// <summary>Probes the servers one after another (each server's two port checks at once).</summary>
    public async Task<ProbeReport> RunAsync(IEnumerable<ProbeTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var servers = new List<ServerProbe>();
        foreach (var target in targets)
        {
            servers.Add(new ServerProbe(target, await CheckAsync(target.Name, cancellationToken).ConfigureAwait(false)));
        }
        return new ProbeReport(servers, ProbeFindings.Of(servers));
    }

    private async Task<IReadOnlyList<ProbeResult>> CheckAsync(string name, CancellationToken cancellationToken)
    {
        var timeout = _options.Timeout;
        var (dns, addresses) = await NetworkChecks.ResolveAsync(name, timeout, cancellationToken).ConfigureAwait(false);
        var rows = new List<ProbeResult> { dns };
        if (dns.Outcome == ProbeOutcome.Ok)
        {
            var rpc = NetworkChecks.ConnectAsync(ProbeCheck.Tcp135, addresses, _options.RpcPort, timeout, cancellationToken);
            var smb = NetworkChecks.ConnectAsync(ProbeCheck.Tcp445, addresses, _options.SmbPort, timeout, cancellationToken);
            rows.Add(await rpc.ConfigureAwait(false));
            rows.Add(await smb.ConfigureAwait(false));
        }
        else
        {
            string reason = $"not run: {name} does not resolve (see dns)";
            rows.Add(new(ProbeCheck.Tcp135, ProbeOutcome.Skipped, reason, 0));
            rows.Add(new(ProbeCheck.Tcp445, ProbeOutcome.Skipped, reason, 0));
        }
        rows.Add(_options.SessionHostIsHere
            ? Timed((s, ms) => WmiChecks.ConnectivityRow(s, ms, HereAndAccount.SessionHostService), () => _live.TerminalServiceSetting.GetTStoLSConnectivityStatus(name))
            : new(ProbeCheck.Connectivity, ProbeOutcome.Skipped, "not run: the session host is the hive's machine, not this one (only its own Remote Desktop service can answer GetTStoLSConnectivityStatus)", 0));
        rows.Add(Timed((s, ms) => WmiChecks.ActivationRow(s, ms, HereAndAccount.Account), () => _live.LicenseServer.GetActivationStatus(name)));
        rows.Add(NotBuilt(ProbeCheck.Cals, "rdscal does not read Win32_TSLicenseKeyPack yet"));
        rows.Add(NotBuilt(ProbeCheck.Groups, "rdscal does not ask Win32_TSLicenseServer.IsTSinTSCGroup or IsLSinTSLSGroup yet"));
        rows.Add(NotBuilt(ProbeCheck.CalsMatch, "rdscal does not compare key packs with this host's mode and version yet"));
        return rows;
    }

    private static ProbeResult Timed(Func<WmiAnswer, long, ProbeResult> row, Func<WmiAnswer> ask)
    {
        var clock = Stopwatch.StartNew();
        var answer = ask();
        return row(answer, clock.ElapsedMilliseconds);
    }

    // Said as unavailable, never left out, so a reader sees what this version could not check.
    private static ProbeResult NotBuilt(ProbeCheck check, string why) =>
        new(check, ProbeOutcome.Unavailable, $"not checked: {why}", 0);
}

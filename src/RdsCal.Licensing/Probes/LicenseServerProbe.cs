using System.Diagnostics;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Probes;

/// <summary>
/// Runs every check against each license server: the network checks from here on any OS, the WMI checks through
/// <see cref="LiveQueries"/> (unavailable, with the reason, wherever WMI cannot answer), and turns problems into
/// findings (RDS019 unreachable, RDS020 not activated, RDS021 no CALs for the host's mode, RDS013 refused by the
/// security group, RDS015 outside the domain's license servers group in Per User mode).
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
        var groups = new List<GroupChecks.Answers>();
        // Asked once: the answer lists every server the session host's service finds.
        var discovery = _options.Discovery ?? (_options.SessionHostIsHere ? _live.TerminalServiceSetting.FindLicenseServers() : null);
        foreach (var target in targets)
        {
            var (rows, answers) = await CheckAsync(target.Name, discovery, cancellationToken).ConfigureAwait(false);
            servers.Add(new ServerProbe(target, rows));
            groups.Add(answers);
        }
        return new ProbeReport(servers, ProbeFindings.Of(servers, groups, _options.SessionHost));
    }

    private async Task<(IReadOnlyList<ProbeResult> Rows, GroupChecks.Answers Groups)> CheckAsync(string name, DiscoveredLicenseServers? discovery, CancellationToken cancellationToken)
    {
        var timeout = _options.Timeout;
        var (dns, addresses) = await NetworkChecks.ResolveAsync(name, timeout, cancellationToken).ConfigureAwait(false);
        var rows = new List<ProbeResult> { dns };
        if (dns.Outcome == ProbeOutcome.Ok)
        {
            var rpc = NetworkChecks.ConnectAsync(ProbeCheck.Tcp135, addresses, _options.RpcPort, timeout, cancellationToken);
            var smb = NetworkChecks.ConnectAsync(ProbeCheck.Tcp445, addresses, _options.SmbPort, timeout, cancellationToken);
            rows.Add(await rpc.ConfigureAwait(false));
            var smbRow = await smb.ConfigureAwait(false);
            rows.Add(smbRow);
            rows.Add(smbRow.Outcome == ProbeOutcome.Problem
                ? PipeCheck.Skipped($"not run: {name} does not accept SMB (see tcp445), which the pipe needs")
                : PipeRow(name, timeout));
        }
        else
        {
            string reason = $"not run: {name} does not resolve (see dns)";
            rows.Add(new(ProbeCheck.Tcp135, ProbeOutcome.Skipped, reason, 0));
            rows.Add(new(ProbeCheck.Tcp445, ProbeOutcome.Skipped, reason, 0));
            rows.Add(PipeCheck.Skipped(reason));
        }
        rows.Add(_options.SessionHostIsHere
            ? Timed((s, ms) => WmiChecks.ConnectivityRow(s, discovery, name, ms, HereAndAccount.SessionHostService), () => _live.TerminalServiceSetting.GetTStoLSConnectivityStatus(name))
            : new(ProbeCheck.Connectivity, ProbeOutcome.Skipped, "not run: the session host is the hive's machine, not this one (only its own Remote Desktop service can answer GetTStoLSConnectivityStatus)", 0));
        var activation = Timed((s, ms) => WmiChecks.ActivationRow(s, ms, HereAndAccount.As(_options.Account)), () => _live.LicenseServer.GetActivationStatus(name));
        rows.Add(activation);
        var clock = Stopwatch.StartNew();
        var packs = _live.KeyPacks.GetKeyPacks(name);
        long packsMs = clock.ElapsedMilliseconds;
        var now = DateTimeOffset.UtcNow;
        rows.Add(KeyPackChecks.CalsRow(packs, packsMs, HereAndAccount.As(_options.Account), now));
        var (groups, answers) = Groups(name);
        rows.Add(groups);
        // The match is worked out from the key packs and activation already read: it asks nothing of its own.
        rows.Add(KeyPackChecks.MatchRow(packs, activation, _options.SessionHost, 0, HereAndAccount.As(_options.Account), now));
        return (rows, answers);
    }

    private (ProbeResult Row, GroupChecks.Answers Answers) Groups(string server)
    {
        var clock = Stopwatch.StartNew();
        var host = _options.SessionHost?.Host;
        string? sessionHost = host?.ComputerName ?? (_options.SessionHostIsHere ? Environment.MachineName : null);
        string domain = host?.Domain ?? string.Empty;
        const string NoName = "not asked: the session host's computer name is unknown (no ComputerName in the SYSTEM hive)";
        var answers = new GroupChecks.Answers(
            sessionHost is null ? GroupChecks.NotAsked("IsSecureAccessAllowed", NoName) : _live.LicenseServer.IsSecureAccessAllowed(server, sessionHost),
            sessionHost is null ? GroupChecks.NotAsked("IsTSinTSCGroup", NoName) : _live.LicenseServer.IsTSinTSCGroup(server, sessionHost),
            _live.LicenseServer.IsLSinTSLSGroup(server, domain),
            sessionHost,
            domain,
            _options.SessionHost?.Mode.Effective);
        return (GroupChecks.Row(answers, clock.ElapsedMilliseconds, HereAndAccount.As(_options.Account)), answers);
    }

    private ProbeResult PipeRow(string server, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var answer = _live.Pipe.Open(server, timeout);
        return PipeCheck.Row(server, answer, timeout, clock.ElapsedMilliseconds, HereAndAccount.As(null));
    }

    private static ProbeResult Timed(Func<WmiAnswer, long, ProbeResult> row, Func<WmiAnswer> ask)
    {
        var clock = Stopwatch.StartNew();
        var answer = ask();
        return row(answer, clock.ElapsedMilliseconds);
    }

}

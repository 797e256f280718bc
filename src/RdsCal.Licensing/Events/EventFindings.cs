using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Events;

/// <summary>
/// Joins what the event log shows to the findings, one finding per cause: a licensing event whose rules already found
/// something (from the registry or a probe) becomes evidence of those findings; one no finding explains becomes a
/// finding of its own: <see cref="RuleCode.ServerSideEvents"/> when the host names a license server and the event is a
/// server-side one (its rules are the unreachable, not activated and no-CALs causes, or it says the server is too
/// old), else <see cref="RuleCode.UnexplainedEvents"/>.
/// </summary>
internal static class EventFindings
{
    private static readonly ServerSideEventsRule ServerSide = new();
    private static readonly UnexplainedEventsRule Unexplained = new();

    // The causes that lie with the license server or the way to it (docs/rules.md: RDS019, RDS020, RDS021).
    private static readonly string[] ServerSideCodes = [.. new[] { RuleCode.LicenseServerUnreachable, RuleCode.LicenseServerNotActivated, RuleCode.NoCalsForMode }.Select(c => c.ToString())];

    // 1132/50284 "the license server does not support the version of the operating system": no rule covers it, and its
    // cause is the server's Windows version (termsrv.dll's message table; the RDS CAL page's version rule).
    private static readonly int[] ServerTooOld = [1132, 50284];

    /// <summary>The findings with the licensing events among <paramref name="events"/> joined in, most severe first.</summary>
    public static IReadOnlyList<Finding> Join(IReadOnlyList<Finding> findings, IEnumerable<LoggedEvent> events, LicensingSnapshot snapshot)
    {
        var joined = findings.ToList();
        var serverSide = new List<(EventEvidence Evidence, byte? Level)>();
        var unexplained = new List<(EventEvidence Evidence, byte? Level)>();
        bool serverConfigured = snapshot.Servers.Effective.Count > 0;
        foreach (var (evidence, known, level) in Group(events))
        {
            var codes = EventCatalog.Rules(known).Select(r => r.Code.ToString()).ToList();
            bool explained = false;
            for (int i = 0; i < joined.Count; i++)
            {
                if (codes.Contains(joined[i].Code, StringComparer.Ordinal))
                {
                    joined[i] = FindingJoin.WithEvents(joined[i], [evidence]);
                    explained = true;
                }
            }
            if (explained)
            {
                continue;
            }
            if (serverConfigured && (codes.Any(c => ServerSideCodes.Contains(c, StringComparer.Ordinal)) || ServerTooOld.Contains(evidence.EventId)))
            {
                serverSide.Add((evidence, level));
            }
            else
            {
                unexplained.Add((evidence, level));
            }
        }
        var observed = new List<Finding>();
        if (serverSide.Count > 0)
        {
            var names = snapshot.Servers.Effective;
            string servers = names.Count == 1 ? $"license server {names[0]} is" : $"license servers {string.Join(", ", names)} are";
            // An error whatever the records' level: each of these events means the host got no licence from its server.
            observed.Add(ServerSide.Observed(
                $"The session host logged {Summary(serverSide)} although {servers} configured: the cause is on the license server side or on the way to it (unreachable, not activated, or no CALs of this host's mode).",
                []) with
            { Events = [.. serverSide.Select(s => s.Evidence)] });
        }
        if (unexplained.Count > 0)
        {
            observed.Add(Unexplained.Observed(
                SeverityOf(unexplained, Unexplained.Severity),
                $"The log holds licensing events no rule explains from this registry: {Summary(unexplained)}.",
                []) with
            { Events = [.. unexplained.Select(s => s.Evidence)] });
        }
        var all = FindingJoin.Join(joined, observed);
        var ordered = new List<Finding>(all.Count);
        foreach (var severity in RuleCatalog.MostSevereFirst)
        {
            ordered.AddRange(all.Where(f => f.Severity == severity));
        }
        return ordered;
    }

    // One evidence per provider and id, in id order: the count, the first and last time, the latest record's level and text.
    private static IEnumerable<(EventEvidence Evidence, LicensingEvent Known, byte? Level)> Group(IEnumerable<LoggedEvent> events) =>
        events
            .Where(e => e.Known is not null)
            .GroupBy(e => (e.Known!.Provider, e.Known.Id))
            .OrderBy(g => g.Key.Id)
            .Select(g =>
            {
                var latest = g.MaxBy(e => e.TimeCreated ?? DateTime.MinValue)!;
                var times = g.Where(e => e.TimeCreated is not null).Select(e => e.TimeCreated!.Value).ToList();
                var evidence = new EventEvidence(g.Key.Id, latest.Provider, latest.Channel, latest.LevelName, g.Count(),
                    times.Count > 0 ? times.Min() : null, times.Count > 0 ? times.Max() : null, latest.Message);
                return (evidence, latest.Known!, latest.Level);
            });

    // What nothing explains is as grave as the graver record: an error or critical record makes an error, a warning a
    // warning, information an info; records without a level leave the rule's own severity.
    private static Severity SeverityOf(List<(EventEvidence Evidence, byte? Level)> events, Severity fallback)
    {
        if (events.All(e => e.Level is null))
        {
            return fallback;
        }
        int worst = events.Where(e => e.Level is not null).Min(e => e.Level is 0 ? 4 : (int)e.Level!.Value);
        return worst <= 2 ? Severity.Error : worst == 3 ? Severity.Warning : Severity.Info;
    }

    private static string Summary(List<(EventEvidence Evidence, byte? Level)> events) =>
        string.Join(", ", events.Select(e => e.Evidence.LastSeen is { } last
            ? FormattableString.Invariant($"{e.Evidence.EventId} ({e.Evidence.Count} time{(e.Evidence.Count == 1 ? string.Empty : "s")}, last {last:yyyy-MM-dd HH:mm} UTC)")
            : FormattableString.Invariant($"{e.Evidence.EventId} ({e.Evidence.Count} time{(e.Evidence.Count == 1 ? string.Empty : "s")})")));
}

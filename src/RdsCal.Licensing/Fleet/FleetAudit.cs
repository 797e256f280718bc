using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Fleet;

/// <summary>
/// Accumulates hosts one at a time into groups by configuration fingerprint, finding counts by code and a
/// compact row per host (name, group, counts, grace), so that thousands of hosts audit in memory that
/// does not grow with what each host's report holds. <see cref="Complete(FleetBaseline)"/> picks the norm and the
/// differences.
/// </summary>
public sealed class FleetAudit
{
    private readonly Dictionary<HostConfiguration, GroupBuilder> _groups = [];
    private readonly Dictionary<string, CodeBuilder> _codes = new(StringComparer.Ordinal);
    private readonly List<HostRow> _rows = [];
    private readonly Dictionary<(int Id, string Level), EventBuilder> _events = [];
    private int _hostsWithEvents;

    /// <summary>Adds a host.</summary>
    public void Add(HostAudit host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Configuration is not { } config)
        {
            _rows.Add(new HostRow(host.Host, host.Origin, null, 0, 0, [], host.Grace.Text, host.Error));
            return;
        }
        if (!_groups.TryGetValue(config, out var group))
        {
            group = new GroupBuilder(config, _groups.Count);
            _groups.Add(config, group);
        }
        group.Hosts.Add(host.Host);
        foreach (var code in host.Findings.GroupBy(f => f.Code, StringComparer.Ordinal))
        {
            if (!_codes.TryGetValue(code.Key, out var count))
            {
                count = new CodeBuilder(code.First().Severity);
                _codes.Add(code.Key, count);
            }
            count.Hosts++;
            count.Occurrences += code.Count();
        }
        if (host.Events is { } events)
        {
            _hostsWithEvents++;
            foreach (var c in events.ById)
            {
                if (!_events.TryGetValue((c.EventId, c.Level), out var count))
                {
                    count = new EventBuilder(c.IsError, c.IsWarning);
                    _events.Add((c.EventId, c.Level), count);
                }
                count.Hosts.Add(host.Host);
                count.Occurrences += c.Count;
            }
        }
        _rows.Add(new HostRow(host.Host, host.Origin, group.Config, host.Errors, host.Warnings,
            [.. host.Findings.Where(f => f.Severity > Severity.Info).Select(f => f.Code).Distinct(StringComparer.Ordinal)], host.Grace.Text, null)
        {
            CollectedAs = host.CollectedAs,
            EventErrors = host.Events?.Errors,
            EventWarnings = host.Events?.Warnings,
        });
    }

    /// <summary>The configuration of a host already added, by name (case-insensitive), or null.</summary>
    internal HostConfiguration? ConfigurationOf(string host) =>
        _rows.FirstOrDefault(r => string.Equals(r.Host, host, StringComparison.OrdinalIgnoreCase))?.Configuration;

    /// <summary>True when a host of that name (case-insensitive) was added, readable or not.</summary>
    internal bool Contains(string host) => _rows.Any(r => string.Equals(r.Host, host, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The audit: the norm is <paramref name="baseline"/> when given (a host of the fleet, or a report), else
    /// the largest group (the first seen on a tie); every other group lists its hosts and its exact
    /// differences from the norm.
    /// </summary>
    /// <exception cref="FleetBaselineException">The baseline host is not in the fleet, or could not be read.</exception>
    public FleetReport Complete(FleetBaseline? baseline = null)
    {
        if (baseline is null)
        {
            return Complete(null, null);
        }
        if (baseline.HostName is not { } name)
        {
            return Complete(baseline.Configuration, baseline.Label);
        }
        if (!Contains(name))
        {
            throw new FleetBaselineException(name, FleetBaselineProblem.NoSuchHost);
        }
        var config = ConfigurationOf(name) ?? throw new FleetBaselineException(name, FleetBaselineProblem.HostUnreadable);
        return Complete(config, baseline.Label);
    }

    /// <summary>
    /// The audit: the norm is <paramref name="baseline"/> when given, else the largest group (the first
    /// seen on a tie); every other group lists its hosts and its exact differences from the norm.
    /// </summary>
    internal FleetReport Complete(HostConfiguration? baseline, string? baselineLabel)
    {
        var ordered = _groups.Values.OrderByDescending(g => g.Hosts.Count).ThenBy(g => g.FirstSeen).ToList();
        var norm = baseline ?? ordered.FirstOrDefault()?.Config;
        string normLabel = baseline is not null ? baselineLabel ?? "baseline"
            : norm is null ? "no readable host"
            : $"majority: {ordered[0].Hosts.Count} of {ordered.Sum(g => g.Hosts.Count)} readable hosts";
        var groups = ordered.Select((g, i) => new HostGroup(
            GroupLabel(i), g.Config, g.Hosts, norm is not null && g.Config == norm,
            norm is null ? [] : g.Config.DifferencesFrom(norm))).ToList();
        var labels = groups.ToDictionary(g => g.Configuration, g => g.Label);
        var rows = _rows
            .Select(r => r with { Group = r.Configuration is null ? null : labels[r.Configuration] })
            .OrderBy(r => r.Error is not null ? 0 : r.Errors > 0 ? 1 : r.Warnings > 0 ? 2 : 3)
            .ThenBy(r => r.Host, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var codes = _codes
            .Select(c => new CodeCount(c.Key, c.Value.Severity, c.Value.Hosts, c.Value.Occurrences))
            .OrderByDescending(c => c.Severity).ThenByDescending(c => c.Hosts).ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
        // Errors first, then warnings, then the rest; within each, the ids most hosts log.
        var events = _events
            .Select(e => new EventCount(e.Key.Id, e.Key.Level, e.Value.Hosts, e.Value.Occurrences))
            .OrderBy(e => e.IsError ? 0 : e.IsWarning ? 1 : 2).ThenByDescending(e => e.Hosts.Count).ThenBy(e => e.EventId)
            .ToList();
        return new FleetReport(norm, normLabel, groups, codes, rows) { EventCounts = events, HostsWithEvents = _hostsWithEvents };
    }

    /// <summary>A, B, …, Z, AA, AB, …: short labels for groups in size order.</summary>
    private static string GroupLabel(int index)
    {
        string label = string.Empty;
        for (int n = index + 1; n > 0; n = (n - 1) / 26)
        {
            label = (char)('A' + ((n - 1) % 26)) + label;
        }
        return label;
    }

    private sealed class GroupBuilder(HostConfiguration config, int firstSeen)
    {
        public HostConfiguration Config { get; } = config;

        public int FirstSeen { get; } = firstSeen;

        public List<string> Hosts { get; } = [];
    }

    private sealed class EventBuilder(bool isError, bool isWarning)
    {
        public bool IsError { get; } = isError;

        public bool IsWarning { get; } = isWarning;

        public List<string> Hosts { get; } = [];

        public int Occurrences { get; set; }
    }

    private sealed class CodeBuilder(Severity severity)
    {
        public Severity Severity { get; } = severity;

        public int Hosts { get; set; }

        public int Occurrences { get; set; }
    }
}

/// <summary>The audit of a fleet.</summary>
/// <param name="Norm">The configuration others are compared with, or null when no host was readable.</param>
/// <param name="NormLabel">Where the norm comes from (majority, baseline host, baseline file).</param>
/// <param name="Groups">Groups by fingerprint, largest first.</param>
/// <param name="FindingCounts">Finding counts by code, most severe and most common first.</param>
/// <param name="Hosts">One row per host: unreadable first, then hosts with errors, warnings, the rest.</param>
public sealed record FleetReport(HostConfiguration? Norm, string NormLabel, IReadOnlyList<HostGroup> Groups, IReadOnlyList<CodeCount> FindingCounts, IReadOnlyList<HostRow> Hosts)
{
    /// <summary>Hosts that could not be read.</summary>
    public int Unreadable => Hosts.Count(h => h.Error is not null);

    /// <summary>Readable hosts with at least one error finding.</summary>
    public int WithErrors => Hosts.Count(h => h.Errors > 0);

    /// <summary>Readable hosts whose configuration differs from the norm.</summary>
    public int Deviating => Groups.Where(g => !g.IsNorm).Sum(g => g.Hosts.Count);

    /// <summary>Hosts whose folder held an event log or an <c>events.json</c> (0: the reports show no event section).</summary>
    public int HostsWithEvents { get; init; }

    /// <summary>The licensing events across the fleet by id and level, with the hosts that logged each: errors first.</summary>
    public IReadOnlyList<EventCount> EventCounts { get; init; } = [];

    /// <summary>Readable hosts that logged licensing errors.</summary>
    public int WithEventErrors => Hosts.Count(h => h.EventErrors > 0);
}

/// <summary>Which hosts logged a licensing event id at a level, and how often in all.</summary>
/// <param name="EventId">The event id.</param>
/// <param name="Level">The level's name (Error, Warning, …).</param>
/// <param name="Hosts">The hosts that logged it, in input order.</param>
/// <param name="Occurrences">Records in total.</param>
public sealed record EventCount(int EventId, string Level, IReadOnlyList<string> Hosts, int Occurrences)
{
    /// <summary>True for error or critical records.</summary>
    public bool IsError => Level is "Error" or "Critical";

    /// <summary>True for warning records.</summary>
    public bool IsWarning => Level == "Warning";
}

/// <summary>Hosts that share a fingerprint.</summary>
/// <param name="Label">A, B, C, … in size order.</param>
/// <param name="Configuration">The shared fingerprint.</param>
/// <param name="Hosts">Host names in input order.</param>
/// <param name="IsNorm">True for the group that matches the norm.</param>
/// <param name="Differences">Exactly what differs from the norm (empty for the norm).</param>
public sealed record HostGroup(string Label, HostConfiguration Configuration, IReadOnlyList<string> Hosts, bool IsNorm, IReadOnlyList<ConfigurationDifference> Differences);

/// <summary>How often a finding code occurs across the fleet.</summary>
/// <param name="Code">Rule code.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="Hosts">Hosts with at least one such finding.</param>
/// <param name="Occurrences">Findings in total.</param>
public sealed record CodeCount(string Code, Severity Severity, int Hosts, int Occurrences);

/// <summary>The compact line a report keeps per host.</summary>
/// <param name="Host">Name.</param>
/// <param name="Origin">Folder or file read.</param>
/// <param name="Configuration">Its fingerprint, or null when unreadable.</param>
/// <param name="Errors">Error findings.</param>
/// <param name="Warnings">Warning findings.</param>
/// <param name="Codes">Codes of its error and warning findings.</param>
/// <param name="Grace">The grace period wording (<see cref="HostGrace.Text"/>).</param>
/// <param name="Error">Why it could not be read, or null.</param>
public sealed record HostRow(string Host, string Origin, HostConfiguration? Configuration, int Errors, int Warnings, IReadOnlyList<string> Codes, string Grace, string? Error)
{
    /// <summary>The label of its group, set when the audit completes.</summary>
    public string? Group { get; init; }

    /// <summary>The name it was collected under when that is not the computer name it reports (<see cref="HostAudit.CollectedAs"/>).</summary>
    public string? CollectedAs { get; init; }

    /// <summary>Licensing events logged as errors, or null when its folder held no event log.</summary>
    public int? EventErrors { get; init; }

    /// <summary>Licensing events logged as warnings, or null when its folder held no event log.</summary>
    public int? EventWarnings { get; init; }
}

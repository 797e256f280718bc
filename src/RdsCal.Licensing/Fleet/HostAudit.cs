using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Fleet;

/// <summary>
/// One host as a fleet audit sees it, whether it was read from hives and exports or from a
/// <c>status --json</c> file: the configuration that groups it, its findings with their evidence, and
/// what is known of its grace period. A host that could not be read carries only its error.
/// </summary>
/// <param name="Host">The host's name (its computer name when recorded, else its folder or file name).</param>
/// <param name="Origin">The folder or file it was read from.</param>
/// <param name="Configuration">The settings that group hosts, or null when the host is unreadable.</param>
/// <param name="Findings">The diagnosis, most severe first.</param>
/// <param name="Grace">The grace period as far as the input shows it.</param>
/// <param name="Error">Why the host could not be read, or null.</param>
public sealed record HostAudit(string Host, string Origin, HostConfiguration? Configuration, IReadOnlyList<HostFinding> Findings, HostGrace Grace, string? Error)
{
    /// <summary>
    /// The name the host was collected under (inventory name, folder or file name) when it is not the computer
    /// name its report gives, so that the audit shows both; null when they name the same machine.
    /// </summary>
    public string? CollectedAs { get; init; }

    /// <summary>The licensing events its folder holds (.evtx files, <c>events.json</c>), or null when it holds none.</summary>
    public HostEvents? Events { get; init; }

    /// <summary>Number of error findings.</summary>
    public int Errors => Findings.Count(f => f.Severity == Severity.Error);

    /// <summary>Number of warning findings.</summary>
    public int Warnings => Findings.Count(f => f.Severity == Severity.Warning);

    /// <summary>An unreadable host: its name, where it was looked for and why it failed.</summary>
    public static HostAudit Unreadable(string host, string origin, string error) => new(host, origin, null, [], HostGrace.Unknown, error);

    /// <summary>Projects a status report onto the audit model.</summary>
    public static HostAudit FromReport(string fallbackName, string origin, StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Snapshot;
        string? tooltip = s.Policies.FirstOrDefault(p => p.Name == "fDisableTerminalServerTooltip")?.Display;
        var findings = report.Findings
            .Select(f => new HostFinding(f.Code, f.Severity, f.Message, f.Remedy, f.Evidence))
            .ToList();
        var configuration = HostConfiguration.Create(
            s.Mode.Effective.Name(), SettingSourceNames.Name(s.Mode.Source),
            s.Servers.Effective, SettingSourceNames.Name(s.Servers.Source),
            HostConfiguration.NotificationsFrom(tooltip, s.PolicyKnown),
            HostConfiguration.RoleFrom(s.Host.IsSessionHost),
            findings.Select(f => f.Code));
        var grace = HostGrace.From(s.GracePeriod);
        string name = string.IsNullOrWhiteSpace(s.Host.ComputerName) ? fallbackName : s.Host.ComputerName;
        return new HostAudit(name, origin, configuration, Order(findings), grace, null) { Events = HostEvents.From(report) };
    }

    /// <summary>
    /// This host as collected under <paramref name="name"/> (an inventory name, a folder or file name, a remoting
    /// session's computer name): <see cref="CollectedAs"/> is set when that is not the computer name it reports.
    /// </summary>
    public HostAudit CollectedUnder(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Configuration is not null && !NamesSameMachine(name, Host) ? this with { CollectedAs = name } : this;
    }

    /// <summary>
    /// True when a collection name and a reported computer name are the same machine: equal ignoring case, or
    /// the collection name is a DNS name whose first label is the computer name (inventories use FQDNs,
    /// Windows reports the NetBIOS-style name).
    /// </summary>
    public static bool NamesSameMachine(string collectedAs, string computerName)
    {
        ArgumentNullException.ThrowIfNull(collectedAs);
        ArgumentNullException.ThrowIfNull(computerName);
        int dot = collectedAs.IndexOf('.', StringComparison.Ordinal);
        return string.Equals(collectedAs, computerName, StringComparison.OrdinalIgnoreCase)
            || (dot > 0 && !System.Net.IPAddress.TryParse(collectedAs, out _)
                && collectedAs.AsSpan(0, dot).Equals(computerName, StringComparison.OrdinalIgnoreCase));
    }

    internal static List<HostFinding> Order(List<HostFinding> findings) =>
        [.. findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Code, StringComparer.Ordinal)];
}

/// <summary>One finding as the audit keeps it.</summary>
/// <param name="Code">Rule code (RDS001, …).</param>
/// <param name="Severity">How serious.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Remedy">What to do, and on which machine.</param>
/// <param name="Evidence">The registry values it rests on.</param>
public sealed record HostFinding(string Code, Severity Severity, string Message, string Remedy, IReadOnlyList<string> Evidence);

/// <summary>
/// The grace period as far as an input shows it: the snapshot's <see cref="GraceState"/> and, live, WMI's
/// days left. Offline only the timebomb value's presence is known (its expiry is DPAPI-protected, and the
/// value stays after the period ends), so it never reads as "running".
/// </summary>
/// <param name="State">What is known.</param>
/// <param name="DaysLeft">Days left from WMI (live only), or null.</param>
public sealed record HostGrace(GraceState State, int? DaysLeft)
{
    /// <summary>Nothing is known.</summary>
    public static HostGrace Unknown { get; } = new(GraceState.Unknown, null);

    /// <summary>From a snapshot's grace period.</summary>
    public static HostGrace From(GracePeriodInfo grace)
    {
        ArgumentNullException.ThrowIfNull(grace);
        return new HostGrace(grace.State, grace.DaysLeft);
    }

    /// <summary>The table wording every front end uses (the same words as <see cref="GracePeriodInfo.ShortText"/>).</summary>
    public string Text => State switch
    {
        GraceState.DaysLeft => $"{DaysLeft} days",
        GraceState.Ended => "ended",
        GraceState.TimebombPresent => "present",
        GraceState.NoTimebomb => "no bomb",
        GraceState.NoKey => "no key",
        _ => "?",
    };
}

/// <summary>The spelling of setting sources shared by the JSON contract and the audit.</summary>
public static class SettingSourceNames
{
    /// <summary><c>policy</c>, <c>server</c> or <c>none</c>.</summary>
    public static string Name(SettingSource source) => source switch
    {
        SettingSource.Policy => "policy",
        SettingSource.Server => "server",
        _ => "none",
    };
}

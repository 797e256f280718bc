using RdsCal.Licensing.Live;
using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Snapshot;
using RdsCal.Licensing.Sources;
using RdsCal.Registry.Hive;

namespace RdsCal.Licensing;

/// <summary>A machine's licensing status: the snapshot, the findings, and the reader's warnings per source. Every front end presents this one record.</summary>
/// <param name="Snapshot">The licensing state.</param>
/// <param name="Findings">The diagnosis.</param>
/// <param name="SourceWarnings">Warnings from reading each input (dirty hive, logs).</param>
public sealed partial record StatusReport(LicensingSnapshot Snapshot, IReadOnlyList<Finding> Findings, IReadOnlyDictionary<string, IReadOnlyList<string>> SourceWarnings)
{
    /// <summary>
    /// Reads and diagnoses a machine, with what only the running system can tell asked through <paramref name="live"/>
    /// when the machine read is this live one (today the grace period's days left, WMI <c>GetGracePeriodDays</c>);
    /// offline nothing is asked.
    /// </summary>
    public static StatusReport Gather(MachineRegistry machine, LiveQueries live)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(live);
        if (machine.System?.Kind != RegistrySourceKind.Live)
        {
            return Create(machine);
        }
        var report = Create(machine, live.TerminalServiceSetting.GetGracePeriodDays().DaysLeft);
        return ReadTimebomb(machine) is { } blob
            ? report with { Snapshot = report.Snapshot with { GracePeriod = report.Snapshot.GracePeriod with { EndDate = blob.Read(live.DataProtection) } } }
            : report;
    }

    // The live timebomb's bytes (the end date is read from them through DPAPI), or null when there is no value. The key
    // is owned by NETWORK SERVICE and reading it may need the backup privilege: a refusal is a result, not an error.
    private static TimebombBytes? ReadTimebomb(MachineRegistry machine)
    {
        try
        {
            var key = machine.ControlSetKey(LicensingPaths.GracePeriod);
            var value = key?.GetValue(LicensingPaths.RtmTimebomb) ?? key?.GetValue(LicensingPaths.BetaTimebomb);
            return value is null ? null : new TimebombBytes(value.Data.ToArray(), null);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or System.Security.SecurityException or IOException)
        {
            return new TimebombBytes(null, $"{e.GetType().Name}: {e.Message.Trim()}");
        }
    }

    private sealed record TimebombBytes(byte[]? Data, string? Failure)
    {
        public GraceEndDate Read(IMachineDataProtection dpapi) =>
            Data is null ? new GraceEndDate(GraceEndDateStatus.CannotRead, null, Failure) : GraceEndDate.Read(Data, dpapi);
    }

    /// <summary>The report with every finding's message and remedy in <paramref name="wording"/>'s words (a front end's vocabulary).</summary>
    public StatusReport WordedBy(RemedyWording wording)
    {
        ArgumentNullException.ThrowIfNull(wording);
        return this with { Findings = [.. Findings.Select(wording.Word)] };
    }

    /// <summary>Reads and diagnoses a machine.</summary>
    public static StatusReport Create(MachineRegistry machine, int? liveGraceDaysLeft = null)
    {
        var snapshot = SnapshotReader.Read(machine, liveGraceDaysLeft);
        var warnings = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var source in new[] { machine.System, machine.Software, machine.Security })
        {
            if (source is not null)
            {
                warnings[source.Label] = WithWalkWarnings(source);
            }
        }
        return new StatusReport(snapshot, RuleCatalog.Diagnose(snapshot), warnings);
    }

    // The source's warnings were taken when it was opened; what the hive walk found (skipped or out-of-order
    // subkeys) is reported while the snapshot reads it, once per finding.
    private static IReadOnlyList<string> WithWalkWarnings(RegistrySource source) =>
        source.Root is HiveKey key ? [.. source.Warnings.Union(key.Hive.Diagnostics.Select(d => d.ToString()), StringComparer.Ordinal)] : source.Warnings;
}

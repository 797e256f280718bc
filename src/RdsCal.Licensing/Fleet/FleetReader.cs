using RdsCal.Licensing.Rules;
using RdsCal.Registry;

namespace RdsCal.Licensing.Fleet;

/// <summary>
/// Reads fleet hosts into the audit model, several at a time, yielding them in input order. At most a
/// bounded window of hosts is in memory; each host's hives and report are dropped once projected, and the hosts
/// being read at once hold at most a fixed budget of input bytes (a host larger than it is read alone).
/// </summary>
public static class FleetReader
{
    /// <summary>Reads every input; an input that fails becomes an unreadable host and the run goes on.</summary>
    public static IEnumerable<HostAudit> Read(IEnumerable<FleetInput> inputs, int parallelism) => Read(inputs, parallelism, RemedyWording.Plain);

    /// <summary>
    /// Reads every input, wording the remedies of the hosts it diagnoses in <paramref name="wording"/>'s words (a status
    /// JSON file keeps the words its writer chose).
    /// </summary>
    public static IEnumerable<HostAudit> Read(IEnumerable<FleetInput> inputs, int parallelism, RemedyWording wording) =>
        Read(inputs, parallelism, wording, FleetMemoryBudget.DefaultBytes);

    /// <summary>Reads every input as <see cref="Read(IEnumerable{FleetInput}, int, RemedyWording)"/> does, the hosts read at once holding at most <paramref name="budgetBytes"/> of input.</summary>
    internal static IEnumerable<HostAudit> Read(IEnumerable<FleetInput> inputs, int parallelism, RemedyWording wording, long budgetBytes)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        parallelism = Math.Max(1, parallelism);
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
        var budget = new FleetMemoryBudget(budgetBytes);
        foreach (var window in inputs.Chunk(16 * parallelism))
        {
            var results = new HostAudit[window.Length];
            Parallel.For(0, window.Length, options, i =>
            {
                using var lease = budget.Take(FleetMemoryBudget.CostOf(window[i]));
                results[i] = ReadOne(window[i], wording);
            });
            foreach (var host in results)
            {
                yield return host;
            }
        }
    }

    // A machine folder's event logs, or those beside a collected status.json (COLLECTION/HOST/events.json); a report
    // file given on its own has none.
    private static string? EventsFolder(FleetInput input) => input.Kind switch
    {
        FleetInputKind.MachineFolder => input.Path,
        FleetInputKind.StatusJson when string.Equals(Path.GetFileName(input.Path), FleetInput.CollectedReportName, StringComparison.OrdinalIgnoreCase) => Path.GetDirectoryName(input.Path),
        _ => null,
    };

    /// <summary>Reads one host; every failure to read it is reported as its error, never thrown.</summary>
    public static HostAudit ReadOne(FleetInput input) => ReadOne(input, RemedyWording.Plain);

    /// <summary>Reads one host, its remedies in <paramref name="wording"/>'s words; every failure to read it is reported as its error, never thrown.</summary>
    public static HostAudit ReadOne(FleetInput input, RemedyWording wording)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(wording);
        try
        {
            var host = (input.Kind switch
            {
                FleetInputKind.StatusJson => StatusJsonReader.Read(input.Path, input.Name),
                FleetInputKind.MachineFolder => HostAudit.FromReport(input.Name, input.Path, MachineFolderReader.Read(input.Path).WordedBy(wording)),
                _ => HostAudit.Unreadable(input.Name, input.Path, $"{input.Path}: {input.Problem}"),
            }).CollectedUnder(input.Name);
            return EventsFolder(input) is { } folder && host.Error is null && HostEvents.Read(folder) is { } events ? host with { Events = events } : host;
        }
        catch (RdsCal.EventLog.EvtxFormatException e)
        {
            return HostAudit.Unreadable(input.Name, input.Path, e.Message);
        }
        catch (RegistryFormatException e)
        {
            return HostAudit.Unreadable(input.Name, input.Path, e.SourcePath is null ? $"{input.Path}: {e.Reason}" : $"{e.SourcePath}: {e.Reason}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException or System.Security.SecurityException)
        {
            return HostAudit.Unreadable(input.Name, input.Path, e.Message.Contains(input.Path, StringComparison.Ordinal) ? e.Message : $"{input.Path}: {e.Message}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A defect in reading one host must not cost the report of the other thousands; it is named, not hidden.
            return HostAudit.Unreadable(input.Name, input.Path, $"{input.Path}: unexpected error: {e.GetType().Name}: {e.Message}");
        }
    }
}

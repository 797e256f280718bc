using RdsCal.EventLog;

namespace RdsCal.Licensing.Events;

/// <summary>What reading one .evtx file gave: how many records, and what could not be read (with file offsets).</summary>
/// <param name="Path">The file.</param>
/// <param name="Records">Records read.</param>
/// <param name="Warnings">Chunks or records skipped, each with its offset.</param>
public sealed record EventFileRead(string Path, long Records, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads the licensing events of .evtx files (a folder: every <c>*.evtx</c> and <c>*.evtx.gz</c> in it): each record is
/// matched on provider and id against the <see cref="EventCatalog"/>, filtered by an <see cref="EventQuery"/>, and
/// handed on as it is read, so memory does not grow with the files.
/// </summary>
public sealed class EventLogScan
{
    private readonly List<EventFileRead> _files = [];

    private EventLogScan(IReadOnlyList<string> paths) => Paths = paths;

    /// <summary>The files, in the order they are read.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>What each file gave, once it has been read.</summary>
    public IReadOnlyList<EventFileRead> Files => _files;

    /// <summary>The files the inputs name: files as given, folders as their .evtx and .evtx.gz files in name order.</summary>
    /// <exception cref="FileNotFoundException">An input does not exist.</exception>
    public static EventLogScan Of(IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var paths = new List<string>();
        foreach (string input in inputs)
        {
            if (Directory.Exists(input))
            {
                paths.AddRange(Directory.EnumerateFiles(input)
                    .Where(f => f.EndsWith(".evtx", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".evtx.gz", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(input))
            {
                paths.Add(input);
            }
            else
            {
                throw new FileNotFoundException($"{Path.GetFullPath(input)}: no such file or folder", input);
            }
        }
        return new EventLogScan(paths);
    }

    /// <summary>Every event the query keeps, file by file in file order, as each is read.</summary>
    /// <exception cref="EvtxFormatException">A file is not an event log at all (a damaged part of one is a warning, not an exception).</exception>
    public IEnumerable<LoggedEvent> Read(EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        _files.Clear();
        foreach (string path in Paths)
        {
            using var reader = EvtxReader.Open(path);
            while (reader.ReadNext() is { } record)
            {
                var e = LoggedEvent.From(record, path);
                if (query.Keeps(e))
                {
                    yield return e;
                }
            }
            _files.Add(new EventFileRead(path, reader.RecordsRead, [.. reader.Warnings.Select(w => w.ToString())]));
        }
    }

    /// <summary>The licensing events the query keeps, newest first (they are few: only catalogue events are held).</summary>
    public IReadOnlyList<LoggedEvent> Licensing(EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = Read(query with { All = false }).ToList();
        found.Sort((a, b) => Nullable.Compare(b.TimeCreated, a.TimeCreated));
        return found;
    }
}

namespace RdsCal.Licensing.Fleet;

/// <summary>
/// What a fleet audit compares every host with instead of the majority: a host of the fleet, by name, or a
/// <c>status --json</c> report read from a file (a known-good host kept aside). Both front ends take one
/// argument for it; <see cref="FromArgument"/> is the one rule that tells the two apart.
/// </summary>
public sealed class FleetBaseline
{
    private FleetBaseline(string? host, HostConfiguration? configuration, string label)
    {
        HostName = host;
        Configuration = configuration;
        Label = label;
    }

    /// <summary>The host of the fleet to compare with, or null for a report file.</summary>
    public string? HostName { get; }

    /// <summary>The configuration of a report file, or null for a host (known only once the fleet is read).</summary>
    public HostConfiguration? Configuration { get; }

    /// <summary>Where the norm comes from, as the reports say it ("baseline host X", "baseline file F (X)").</summary>
    public string Label { get; }

    /// <summary>A host of the fleet, by name (case-insensitive).</summary>
    public static FleetBaseline Host(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new FleetBaseline(name, null, $"baseline host {name}");
    }

    /// <summary>
    /// A <c>status --json</c> report, read now, so that a missing or bad file is said before any host is read.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="StatusJsonFormatException">The file is not a status report.</exception>
    public static FleetBaseline Report(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{Path.GetFullPath(path)}: no such file", path);
        }
        var report = StatusJsonReader.Read(path);
        return new FleetBaseline(null, report.Configuration, $"baseline file {path} ({report.Host})");
    }

    /// <summary>A name ending in <c>.json</c> is a report file; anything else is a host of the fleet.</summary>
    /// <param name="text">The argument as the user gave it.</param>
    /// <param name="resolvePath">Turns a report file's name into a file system path (PowerShell's provider paths); none: as given.</param>
    public static FleetBaseline FromArgument(string text, Func<string, string>? resolvePath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return text.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? Report(resolvePath?.Invoke(text) ?? text) : Host(text);
    }
}

/// <summary>Why a baseline host could not be compared with.</summary>
public enum FleetBaselineProblem
{
    /// <summary>No host of that name is in the fleet.</summary>
    NoSuchHost,

    /// <summary>The host is in the fleet but could not be read, so it has no configuration to compare with.</summary>
    HostUnreadable,
}

/// <summary>The baseline host of a fleet audit is missing or unreadable; each front end words it.</summary>
public sealed class FleetBaselineException : Exception
{
    /// <summary>Creates the exception for a host and what is wrong with it.</summary>
    public FleetBaselineException(string host, FleetBaselineProblem problem)
        : base(problem == FleetBaselineProblem.NoSuchHost ? $"{host}: no host of that name in the fleet" : $"{host}: that host could not be read")
    {
        Host = host;
        Problem = problem;
    }

    /// <summary>Required by analyzers.</summary>
    public FleetBaselineException()
        : this(string.Empty, FleetBaselineProblem.NoSuchHost)
    {
    }

    /// <summary>Required by analyzers.</summary>
    public FleetBaselineException(string message)
        : base(message)
    {
        Host = string.Empty;
    }

    /// <summary>Required by analyzers.</summary>
    public FleetBaselineException(string message, Exception inner)
        : base(message, inner)
    {
        Host = string.Empty;
    }

    /// <summary>The baseline host as given.</summary>
    public string Host { get; }

    /// <summary>What is wrong with it.</summary>
    public FleetBaselineProblem Problem { get; }
}

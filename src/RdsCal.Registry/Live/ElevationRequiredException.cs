namespace RdsCal.Registry.Live;

/// <summary>
/// The live registry cannot be changed by this process: it is not elevated, or a privilege the change needs
/// could not be enabled. Thrown before anything is read for the change, so nothing was changed.
/// </summary>
public sealed class ElevationRequiredException : UnauthorizedAccessException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="missing">What the process lacks, e.g. "an elevated token" or "SeBackupPrivilege".</param>
    public ElevationRequiredException(string missing)
        : base($"changing the live registry needs {missing}; nothing was changed") => Missing = missing;

    /// <summary>Creates the exception with the default wording.</summary>
    public ElevationRequiredException()
        : this("an elevated token")
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public ElevationRequiredException(string message, Exception innerException)
        : base(message, innerException) => Missing = message;

    /// <summary>What the process lacks.</summary>
    public string Missing { get; }
}

namespace RdsCal.Licensing.Live;

/// <summary>The live registry was asked for (no input file named) on a system that has none: anything but Windows.</summary>
public sealed class LiveRegistryUnavailableException : PlatformNotSupportedException
{
    /// <summary>Creates the exception.</summary>
    public LiveRegistryUnavailableException()
        : base("the live registry exists only on Windows; name hive files or .reg exports instead")
    {
    }

    /// <summary>Required by analyzers.</summary>
    public LiveRegistryUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Required by analyzers.</summary>
    public LiveRegistryUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

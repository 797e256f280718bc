namespace RdsCal.Licensing.Probes;

/// <summary>Why <see cref="ProbeRun"/> declines a request before probing anything. Each front end words the remedy.</summary>
public enum ProbeRefusalReason
{
    /// <summary>The timeout is not above zero and at most <see cref="ProbeRequest.MaxTimeout"/>.</summary>
    TimeoutOutOfRange,

    /// <summary>Servers were named and hive files given: the servers come from one of them.</summary>
    ServersAndFiles,

    /// <summary>Neither servers nor files were given off Windows, where there is no live registry to read them from.</summary>
    LiveRegistryNeedsWindows,

    /// <summary>The machine's registry names no license server.</summary>
    NoServerConfigured,
}

/// <summary><see cref="ProbeRun"/> declined the request for a stated <see cref="Reason"/>; nothing was probed.</summary>
public sealed class ProbeRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProbeRefusedException(ProbeRefusalReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Required by analyzers.</summary>
    public ProbeRefusedException()
        : this(ProbeRefusalReason.NoServerConfigured, "no license server to probe")
    {
    }

    /// <summary>Required by analyzers.</summary>
    public ProbeRefusedException(string message)
        : this(ProbeRefusalReason.NoServerConfigured, message)
    {
    }

    /// <summary>Required by analyzers.</summary>
    public ProbeRefusedException(string message, Exception inner)
        : base(message, inner)
    {
        Reason = ProbeRefusalReason.NoServerConfigured;
    }

    /// <summary>Why nothing was probed.</summary>
    public ProbeRefusalReason Reason { get; }
}

using RdsCal.Licensing.Events;

namespace RdsCal.Licensing.Live;

/// <summary>The running machine's event log channels that hold RDS licensing events (System, RemoteConnectionManager Admin and Operational, TerminalServices-Licensing Operational).</summary>
public interface ILiveEventLog
{
    /// <summary>The events the query keeps, as the channels hold them.</summary>
    /// <exception cref="EventLogUnavailableException">No channel could be read: the service is missing, stubbed or refuses access.</exception>
    IEnumerable<LoggedEvent> Read(EventQuery query);

    /// <summary>Channels that could not be read during the last <see cref="Read"/> (a missing channel, access denied), with why.</summary>
    IReadOnlyList<string> Warnings { get; }
}

/// <summary>The event log could not be read at all: rdscal says so rather than report "no events".</summary>
public sealed class EventLogUnavailableException : Exception
{
    /// <summary>An exception with the reason.</summary>
    public EventLogUnavailableException(string reason)
        : base($"cannot read the event log: {reason}") => Reason = reason;

    /// <summary>An exception with the reason and the failure behind it.</summary>
    public EventLogUnavailableException(string reason, Exception inner)
        : base($"cannot read the event log: {reason}", inner) => Reason = reason;

    /// <summary>An exception with no reason given.</summary>
    public EventLogUnavailableException()
        : this("no reason given")
    {
    }

    /// <summary>Why.</summary>
    public string Reason { get; }
}

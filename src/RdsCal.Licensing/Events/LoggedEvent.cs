using RdsCal.EventLog;

namespace RdsCal.Licensing.Events;

/// <summary>One data item of a logged event: its name (null for unnamed items) and its value as Event Viewer shows it.</summary>
/// <param name="Name">The item's <c>Name</c> attribute, or null.</param>
/// <param name="Value">The value as text.</param>
public sealed record LoggedEventData(string? Name, string Value);

/// <summary>
/// An event as a log recorded it, from an .evtx file or a live channel, with what rdscal knows of it: the catalogue
/// entry its provider and id name (null for any other event) and the rules that explain its causes.
/// </summary>
/// <param name="RecordId">The record id within its log.</param>
/// <param name="TimeCreated">When it was logged (UTC), or null when the record has no time.</param>
/// <param name="Provider">The provider name.</param>
/// <param name="EventSourceName">The classic event source name (<c>TermService</c>), or null.</param>
/// <param name="EventId">The event id.</param>
/// <param name="Qualifiers">The classic qualifiers (0xC000 for the session host's legacy licensing events), or null.</param>
/// <param name="Level">The level number (1 critical, 2 error, 3 warning, 4 information), or null.</param>
/// <param name="Channel">The log it was written to.</param>
/// <param name="Computer">The computer that logged it (in a forwarded log, the original computer).</param>
/// <param name="Data">The EventData or UserData items, in order.</param>
/// <param name="Source">The file it was read from, or <c>live</c>.</param>
public sealed record LoggedEvent(ulong RecordId, DateTime? TimeCreated, string? Provider, string? EventSourceName, int? EventId, int? Qualifiers, byte? Level,
    string? Channel, string? Computer, IReadOnlyList<LoggedEventData> Data, string Source)
{
    /// <summary>The catalogue entry for this record's provider and id, or null when rdscal has none.</summary>
    /// <remarks>Looked up once: filtering, the JSON and the text all ask, once per record of an <c>--all</c> run.</remarks>
    public LicensingEvent? Known { get; } = EventId is { } id && Provider is { } provider ? EventCatalog.Find(provider, id) : null;

    /// <summary>The rule codes that explain it (empty outside the catalogue).</summary>
    public IReadOnlyList<string> Rules => Known is { } e ? [.. EventCatalog.Rules(e).Select(r => r.Code.ToString())] : [];

    /// <summary>The message as Event Viewer shows it, the catalogue's text with the data items inserted; null outside the catalogue.</summary>
    public string? Message => Known?.Render([.. Data.Select(d => d.Value)]);

    /// <summary>The level's name as Event Viewer shows it.</summary>
    public string LevelName => Level switch
    {
        1 => "Critical",
        2 => "Error",
        3 => "Warning",
        4 or 0 => "Information",
        5 => "Verbose",
        null => "unknown",
        _ => $"level {Level}",
    };

    /// <summary>The record as rdscal reads it from an .evtx file.</summary>
    public static LoggedEvent From(EventRecord record, string source)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new LoggedEvent(record.RecordId, record.TimeCreated, record.ProviderName, record.EventSourceName, record.EventId, record.Qualifiers, record.Level,
            record.Channel, record.Computer, [.. record.Data.Select(d => new LoggedEventData(d.Name, d.Value.Text))], source);
    }
}

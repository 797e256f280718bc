namespace RdsCal.EventLog;

/// <summary>
/// One event record: the fields of its System element, its EventData or UserData items, and the whole XML as
/// <see cref="Root"/>. A field the record does not carry is null.
/// </summary>
public sealed class EventRecord
{
    internal EventRecord(ulong recordId, DateTime written, long fileOffset, EvtxElement root)
    {
        HeaderRecordId = recordId;
        RecordId = recordId;
        Written = written;
        FileOffset = fileOffset;
        Root = root;
        EvtxElement? system = root.Element("System");
        if (system is not null)
        {
            EvtxElement? provider = system.Element("Provider");
            ProviderName = provider?.Attribute("Name")?.Text;
            ProviderGuid = provider?.Attribute("Guid")?.Value as Guid? ?? ParseGuid(provider?.Attribute("Guid"));
            EventSourceName = provider?.Attribute("EventSourceName")?.Text;
            EvtxElement? eventId = system.Element("EventID");
            EventId = (int?)Number(eventId?.Content, ushort.MaxValue);
            Qualifiers = (int?)Number(eventId?.Attribute("Qualifiers"), ushort.MaxValue);
            Version = (byte?)Number(system.Element("Version")?.Content, byte.MaxValue);
            Level = (byte?)Number(system.Element("Level")?.Content, byte.MaxValue);
            Task = (ushort?)Number(system.Element("Task")?.Content, ushort.MaxValue);
            Opcode = (byte?)Number(system.Element("Opcode")?.Content, byte.MaxValue);
            Keywords = Number(system.Element("Keywords")?.Content, ulong.MaxValue);
            TimeCreated = system.Element("TimeCreated")?.Attribute("SystemTime")?.Value as DateTime?;
            Channel = NonEmpty(system.Element("Channel")?.Content);
            Computer = NonEmpty(system.Element("Computer")?.Content);
            UserId = NonEmpty(system.Element("Security")?.Attribute("UserID"));
            EvtxElement? execution = system.Element("Execution");
            ProcessId = (uint?)Number(execution?.Attribute("ProcessID"), uint.MaxValue);
            ThreadId = (uint?)Number(execution?.Attribute("ThreadID"), uint.MaxValue);
            ActivityId = system.Element("Correlation")?.Attribute("ActivityID")?.Value as Guid?;
            RecordId = Number(system.Element("EventRecordID")?.Content, ulong.MaxValue) ?? recordId;
        }
        (DataKind, Data) = ReadData(root);
    }

    /// <summary>
    /// System/EventRecordID, the number Event Viewer shows (or the record header's when the XML has none). It
    /// usually equals <see cref="HeaderRecordId"/>; logs forwarded or copied by tools can differ.
    /// </summary>
    public ulong RecordId { get; }

    /// <summary>The record identifier in the record header.</summary>
    public ulong HeaderRecordId { get; }

    /// <summary>When the record was written to the log, from the record header (UTC).</summary>
    public DateTime Written { get; }

    /// <summary>Where the record starts in the (decompressed) file.</summary>
    public long FileOffset { get; }

    /// <summary>The record's XML, its templates filled in: the Event element.</summary>
    public EvtxElement Root { get; }

    /// <summary>System/TimeCreated/@SystemTime (UTC).</summary>
    public DateTime? TimeCreated { get; }

    /// <summary>System/Provider/@Name.</summary>
    public string? ProviderName { get; }

    /// <summary>System/Provider/@Guid.</summary>
    public Guid? ProviderGuid { get; }

    /// <summary>System/Provider/@EventSourceName: the classic event source (TermService for the session host's legacy licensing events).</summary>
    public string? EventSourceName { get; }

    /// <summary>System/EventID.</summary>
    public int? EventId { get; }

    /// <summary>System/EventID/@Qualifiers (0xC000 = 49152 for classic error events).</summary>
    public int? Qualifiers { get; }

    /// <summary>System/Version.</summary>
    public byte? Version { get; }

    /// <summary>System/Level (1 critical, 2 error, 3 warning, 4 information, 0 log always).</summary>
    public byte? Level { get; }

    /// <summary>System/Task.</summary>
    public ushort? Task { get; }

    /// <summary>System/Opcode.</summary>
    public byte? Opcode { get; }

    /// <summary>System/Keywords.</summary>
    public ulong? Keywords { get; }

    /// <summary>System/Channel.</summary>
    public string? Channel { get; }

    /// <summary>System/Computer.</summary>
    public string? Computer { get; }

    /// <summary>System/Security/@UserID: the user's SID.</summary>
    public string? UserId { get; }

    /// <summary>System/Execution/@ProcessID.</summary>
    public uint? ProcessId { get; }

    /// <summary>System/Execution/@ThreadID.</summary>
    public uint? ThreadId { get; }

    /// <summary>System/Correlation/@ActivityID.</summary>
    public Guid? ActivityId { get; }

    /// <summary>Whether the items come from EventData or UserData.</summary>
    public EventDataKind DataKind { get; }

    /// <summary>The EventData or UserData items, in order.</summary>
    public IReadOnlyList<EventDataItem> Data { get; }

    /// <summary>The record as indented XML, as Event Viewer's XML view shows it.</summary>
    public string ToXml() => EventXmlWriter.Write([Root]);

    private static (EventDataKind, IReadOnlyList<EventDataItem>) ReadData(EvtxElement root)
    {
        if (root.Element("EventData") is { } eventData)
        {
            var items = new List<EventDataItem>();
            foreach (EvtxElement e in eventData.Elements())
            {
                string? name = e.Name == "Data" ? e.Attribute("Name")?.Text : e.Name;
                items.Add(new EventDataItem(name, e.Content));
            }
            return (EventDataKind.EventData, items);
        }
        if (root.Element("UserData") is { } userData)
        {
            var items = new List<EventDataItem>();
            foreach (EvtxElement container in userData.Elements())
            {
                foreach (EvtxElement e in container.Elements())
                {
                    items.Add(new EventDataItem(e.Name, e.Content));
                }
            }
            return (EventDataKind.UserData, items);
        }
        return (EventDataKind.None, []);
    }

    private static ulong? Number(EvtxValue? v, ulong max) =>
        v is not null && v.TryGetUInt64(out ulong n) && n <= max ? n : null;

    private static string? NonEmpty(EvtxValue? v) => v is null || v.IsNull ? null : v.Text is { Length: > 0 } t ? t : null;

    private static Guid? ParseGuid(EvtxValue? v) => v is not null && Guid.TryParse(v.Text, out Guid g) ? g : null;
}

namespace RdsCal.EventLog;

/// <summary>One item of a record's EventData or UserData.</summary>
/// <param name="Name">
/// For EventData, the Data element's Name attribute (null for the unnamed items of classic events; "Binary" for the
/// Binary element); for UserData, the element's name.
/// </param>
/// <param name="Value">The item's value, typed where the record stored it typed.</param>
public sealed record EventDataItem(string? Name, EvtxValue Value);

/// <summary>Where a record's payload sits.</summary>
public enum EventDataKind
{
    /// <summary>The record has neither EventData nor UserData.</summary>
    None,

    /// <summary>Data elements under EventData (named, or unnamed for classic events).</summary>
    EventData,

    /// <summary>One provider-defined element under UserData, whose child elements are the items.</summary>
    UserData,
}

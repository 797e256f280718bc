using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RdsCal.EventLog.Tests.CrossCheck;

/// <summary>
/// The fields the cross-check compares, as text, after normalising what is only formatting (docs/evtx.md lists the
/// rules): times become 100 ns ticks, GUIDs upper case in braces, hexadecimal numbers lower case, an empty
/// attribute the same as a missing one.
/// </summary>
internal sealed partial record RecordFields(
    ulong RecordId,
    long? TimeCreated,
    string? ProviderName,
    string? ProviderGuid,
    string? EventSourceName,
    string? EventId,
    string? Qualifiers,
    string? Version,
    string? Level,
    string? Task,
    string? Opcode,
    string? Keywords,
    string? Channel,
    string? Computer,
    string? UserId,
    string DataKind,
    IReadOnlyList<(string? Name, string Value)> Data)
{
    private static readonly XNamespace Ns = "http://schemas.microsoft.com/win/2004/08/events/event";

    /// <summary>The fields as rdscal's reader yields them.</summary>
    public static RecordFields From(EventRecord r) => new(
        r.RecordId,
        r.TimeCreated?.Ticks,
        r.ProviderName,
        r.ProviderGuid?.ToString("B").ToUpperInvariant(),
        r.EventSourceName,
        r.EventId?.ToString(CultureInfo.InvariantCulture),
        r.Qualifiers?.ToString(CultureInfo.InvariantCulture),
        r.Version?.ToString(CultureInfo.InvariantCulture),
        r.Level?.ToString(CultureInfo.InvariantCulture),
        r.Task?.ToString(CultureInfo.InvariantCulture),
        r.Opcode?.ToString(CultureInfo.InvariantCulture),
        r.Keywords is { } k ? "0x" + k.ToString("x16", CultureInfo.InvariantCulture) : null,
        r.Channel,
        r.Computer,
        r.UserId,
        r.DataKind.ToString(),
        [.. r.Data.Select(d => (d.Name, Normalise(d.Value.Text)))]);

    /// <summary>The fields of an Event element an independent reader printed.</summary>
    public static RecordFields From(XElement e)
    {
        XElement? system = e.Element(Ns + "System");
        string? Text(string name) => Empty(system?.Element(Ns + name)?.Value);
        string? Attr(string element, string name) => Empty(system?.Element(Ns + element)?.Attribute(name)?.Value);
        XElement? eventData = e.Element(Ns + "EventData");
        XElement? userData = e.Element(Ns + "UserData");
        IReadOnlyList<(string?, string)> data = eventData is not null
            ? [.. eventData.Elements().Select(d => (d.Name.LocalName == "Data" ? Empty(d.Attribute("Name")?.Value) : d.Name.LocalName, Normalise(d.Value)))]
            : userData is not null
                ? [.. userData.Elements().SelectMany(c => c.Elements()).Select(d => ((string?)d.Name.LocalName, Normalise(d.Value)))]
                : [];
        return new(
            ulong.Parse(Text("EventRecordID") ?? "0", CultureInfo.InvariantCulture),
            Attr("TimeCreated", "SystemTime") is { } t ? Ticks(t) : null,
            Attr("Provider", "Name"),
            Attr("Provider", "Guid") is { } g ? Guid.Parse(g).ToString("B").ToUpperInvariant() : null,
            Attr("Provider", "EventSourceName"),
            Text("EventID"),
            Attr("EventID", "Qualifiers"),
            Text("Version"),
            Text("Level"),
            Text("Task"),
            Text("Opcode"),
            Text("Keywords")?.ToLowerInvariant(),
            Text("Channel"),
            Text("Computer"),
            Attr("Security", "UserID"),
            eventData is not null ? "EventData" : userData is not null ? "UserData" : "None",
            data);
    }

    /// <summary>
    /// The differences from another reader's fields, each as "field: ours | theirs". Times may differ by
    /// <paramref name="timeTolerance"/> ticks (python-evtx keeps microseconds through a float).
    /// </summary>
    /// <remarks>
    /// With <paramref name="python"/>, two python-evtx 0.6.1 habits are allowed for: it drops control characters
    /// from values (a 0x03 in two Security events), and it misreads the string arrays of classic events (the
    /// unnamed items): it prints an empty array as one empty element, and sometimes adds an item that repeats the
    /// tail of its neighbour ("1176" then "176"). Unnamed items are then compared as sets: python-evtx's must be
    /// rdscal's plus such tails.
    /// </remarks>
    public IEnumerable<string> Differences(RecordFields theirs, long timeTolerance, bool python = false)
    {
        if (python)
        {
            static RecordFields Printable(RecordFields f) => f with { Data = [.. f.Data.Select(d => (d.Name, ControlCharacter().Replace(d.Value, string.Empty)))] };
            return Printable(this).Compare(Printable(theirs), timeTolerance, python);
        }
        return Compare(theirs, timeTolerance, python);
    }

    private IEnumerable<string> Compare(RecordFields theirs, long timeTolerance, bool python)
    {
        if (RecordId != theirs.RecordId)
        {
            yield return $"RecordId: {RecordId} | {theirs.RecordId}";
        }
        if (TimeCreated.HasValue != theirs.TimeCreated.HasValue || Math.Abs((TimeCreated ?? 0) - (theirs.TimeCreated ?? 0)) > timeTolerance)
        {
            yield return $"TimeCreated: {TimeCreated} | {theirs.TimeCreated}";
        }
        foreach (var (name, ours, other) in new (string, string?, string?)[]
        {
            ("ProviderName", ProviderName, theirs.ProviderName), ("ProviderGuid", ProviderGuid, theirs.ProviderGuid),
            ("EventSourceName", EventSourceName, theirs.EventSourceName), ("EventId", EventId, theirs.EventId),
            ("Qualifiers", Qualifiers, theirs.Qualifiers), ("Version", Version, theirs.Version), ("Level", Level, theirs.Level),
            ("Task", Task, theirs.Task), ("Opcode", Opcode, theirs.Opcode), ("Keywords", Keywords, theirs.Keywords),
            ("Channel", Channel, theirs.Channel), ("Computer", Computer, theirs.Computer), ("UserId", UserId, theirs.UserId),
            ("DataKind", DataKind, theirs.DataKind),
        })
        {
            if (ours != other)
            {
                yield return $"{name}: {ours} | {other}";
            }
        }
        if (python && (Data.Any(d => d.Name is null) || theirs.Data.Any(d => d.Name is null)))
        {
            static HashSet<string> Set(RecordFields f) => [.. f.Data.Where(d => d.Value.Length > 0).Select(d => $"{d.Name}={d.Value}")];
            HashSet<string> ours = Set(this), other = Set(theirs);
            bool tailsOnly = other.Except(ours).All(extra => extra.StartsWith('=') && ours.Any(o => o.StartsWith('=') && o.Length > extra.Length && o.EndsWith(extra[1..], StringComparison.Ordinal)));
            if (!ours.IsSubsetOf(other) || !tailsOnly)
            {
                yield return $"Data: {string.Join(", ", ours.Select(Show))} | {string.Join(", ", other.Select(Show))}";
            }
            yield break;
        }
        if (Data.Count != theirs.Data.Count)
        {
            yield return $"Data count: {Data.Count} | {theirs.Data.Count} ({string.Join(", ", Data.Select(d => d.Name))} | {string.Join(", ", theirs.Data.Select(d => d.Name))})";
            yield break;
        }
        for (int i = 0; i < Data.Count; i++)
        {
            if (Data[i].Name != theirs.Data[i].Name || !SameValue(Data[i].Value, theirs.Data[i].Value, timeTolerance))
            {
                yield return $"Data[{i}]: {Data[i].Name}={Show(Data[i].Value)} | {theirs.Data[i].Name}={Show(theirs.Data[i].Value)}";
            }
        }
    }

    private static bool SameValue(string ours, string theirs, long timeTolerance) =>
        ours == theirs
        || (Ticks(ours) is { } a && Ticks(theirs) is { } b && Math.Abs(a - b) <= timeTolerance)
        || SameBytes(ours, theirs);

    /// <summary>Binary values: rdscal and evtxexport print hexadecimal, python-evtx base64.</summary>
    private static bool SameBytes(string hex, string base64)
    {
        if (hex.Length == 0 || hex.Length % 2 != 0 || !HexDigits().IsMatch(hex))
        {
            return false;
        }
        byte[] bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out int n) && Convert.ToHexString(bytes, 0, n) == hex;
    }

    /// <summary>Control characters and line ends as escapes, so a difference message shows them.</summary>
    private static string Show(string? s) => s is null ? "(none)" : string.Concat(s.Select(c => c < ' ' ? $"\\x{(int)c:X2}" : c.ToString()));

    private static string? Empty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>
    /// Line ends as LF (an XML parser reads CR LF as LF), GUIDs upper case in braces, hexadecimal numbers lower case;
    /// everything else as it is.
    /// </summary>
    internal static string Normalise(string value)
    {
        value = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (value.Length == 38 && value[0] == '{' && Guid.TryParse(value, out Guid g))
        {
            return g.ToString("B").ToUpperInvariant();
        }
        if (HexNumber().IsMatch(value))
        {
            return value.ToLowerInvariant();
        }
        if (value is "True" or "False")
        {
            // python-evtx prints booleans as Python does.
            return value.ToLowerInvariant();
        }
        return value;
    }

    /// <summary>A timestamp in either reader's form (T or space, 0 to 9 fractional digits, Z or not) as 100 ns ticks.</summary>
    internal static long? Ticks(string s)
    {
        Match m = Timestamp().Match(s);
        if (!m.Success)
        {
            return null;
        }
        var whole = DateTime.ParseExact(m.Groups[1].Value + "T" + m.Groups[2].Value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        string fraction = (m.Groups[3].Value + "0000000")[..7];
        return whole.Ticks + long.Parse(fraction, CultureInfo.InvariantCulture);
    }

    /// <summary>The characters XML 1.0 forbids.</summary>
    [GeneratedRegex("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]")]
    internal static partial Regex ControlCharacter();

    [GeneratedRegex("^[0-9A-F]+$")]
    private static partial Regex HexDigits();

    [GeneratedRegex("^0[xX][0-9a-fA-F]+$")]
    private static partial Regex HexNumber();

    [GeneratedRegex(@"^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z?$")]
    private static partial Regex Timestamp();
}

using System.Globalization;

namespace RdsCal.EventLog;

/// <summary>
/// One BinXml value: its type, the typed value, and the text the independent readers (and Event Viewer's XML view)
/// show for it. The text is formatted on first use.
/// </summary>
public sealed class EvtxValue
{
    private string? _text;

    internal EvtxValue(EvtxValueType type, object? value)
    {
        Type = type;
        Value = value;
    }

    internal EvtxValue(string text)
    {
        Type = EvtxValueType.String;
        Value = text;
        _text = text;
    }

    /// <summary>Where a substituted value's bytes start in the (decompressed) file; -1 for text from a template.</summary>
    internal long FileOffset { get; init; } = -1;

    /// <summary>The value that stands for nothing (an optional substitution left out).</summary>
    public static EvtxValue Null { get; } = new(EvtxValueType.Null, null);

    /// <summary>The type, with <see cref="EvtxValueType.ArrayFlag"/> set for an array.</summary>
    public EvtxValueType Type { get; }

    /// <summary>Whether this is an array (its <see cref="Value"/> is then an <c>IReadOnlyList&lt;EvtxValue&gt;</c>).</summary>
    public bool IsArray => (Type & EvtxValueType.ArrayFlag) != 0;

    /// <summary>Whether this is <see cref="EvtxValueType.Null"/>.</summary>
    public bool IsNull => Type == EvtxValueType.Null;

    /// <summary>
    /// The typed value: <see cref="string"/> (strings, SIDs), the integer types, <see cref="float"/>,
    /// <see cref="double"/>, <see cref="bool"/>, <c>byte[]</c>, <see cref="System.Guid"/>, <see cref="DateTime"/> (UTC),
    /// <c>IReadOnlyList&lt;EvtxNode&gt;</c> for nested BinXml, <c>IReadOnlyList&lt;EvtxValue&gt;</c> for an array, or
    /// null for <see cref="EvtxValueType.Null"/>.
    /// </summary>
    public object? Value { get; }

    /// <summary>The value as text: integers in decimal, hex types as 0x followed by lower-case digits, GUIDs upper-case in braces, binary as upper-case hex, times as ISO 8601 UTC with seven fractional digits.</summary>
    public string Text => _text ??= Format();

    /// <summary>The value as an unsigned integer, for the integer, hex, size and boolean types (and text holding a number).</summary>
    public bool TryGetUInt64(out ulong value)
    {
        switch (Value)
        {
            case byte b: value = b; return true;
            case sbyte sb when sb >= 0: value = (ulong)sb; return true;
            case ushort us: value = us; return true;
            case short s when s >= 0: value = (ulong)s; return true;
            case uint ui: value = ui; return true;
            case int i when i >= 0: value = (ulong)i; return true;
            case ulong ul: value = ul; return true;
            case long l when l >= 0: value = (ulong)l; return true;
            case bool flag: value = flag ? 1UL : 0UL; return true;
            case string text:
                return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                    ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
                    : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
            default: value = 0; return false;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private string Format() => Value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        Guid g => g.ToString("B").ToUpperInvariant(),
        DateTime t => FormatTime(t),
        IReadOnlyList<EvtxValue> items => string.Join(", ", items.Select(i => i.Text)),
        IReadOnlyList<EvtxNode> nodes => EventXmlWriter.Write(nodes),
        uint u when (Type & ~EvtxValueType.ArrayFlag) is EvtxValueType.HexInt32 or EvtxValueType.SizeT => "0x" + u.ToString("x8", CultureInfo.InvariantCulture),
        ulong u when (Type & ~EvtxValueType.ArrayFlag) is EvtxValueType.HexInt64 or EvtxValueType.SizeT => "0x" + u.ToString("x16", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? string.Empty,
    };

    /// <summary>ISO 8601 UTC with the full 100 ns precision of a FILETIME ("O" of a UTC time, the formatter's fast path).</summary>
    internal static string FormatTime(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);
}

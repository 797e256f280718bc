using System.Text.Json;

namespace RdsCal.Licensing.Reports;

/// <summary>The property shapes the JSON reports write again and again: string arrays, nullable scalars, enum names.</summary>
internal static class Utf8JsonWriterExtensions
{
    /// <summary>Writes <c>"name": [ "a", "b" ]</c>.</summary>
    public static void WriteStrings(this Utf8JsonWriter w, string name, IEnumerable<string> items)
    {
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (string item in items)
        {
            w.WriteStringValue(item);
        }
        w.WriteEndArray();
    }

    /// <summary>Writes the number, or <c>null</c> when there is none.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter w, string name, long? number)
    {
        if (number is { } n)
        {
            w.WriteNumber(name, n);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Writes the boolean, or <c>null</c> when it is not known.</summary>
    public static void WriteBooleanOrNull(this Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } b)
        {
            w.WriteBoolean(name, b);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Writes an enum value by its name in camelCase, as the reports' contracts spell them (<c>"notConfigured"</c>).</summary>
    public static void WriteCamelCase<T>(this Utf8JsonWriter w, string name, T value)
        where T : struct, Enum =>
        w.WriteString(name, JsonNamingPolicy.CamelCase.ConvertName(value.ToString()));
}

using System.Text;

namespace RdsCal.Registry.Hive.Cells;

/// <summary>Key and value names as stored: one byte per character (Latin-1) when compressed, else UTF-16LE.</summary>
internal static class RecordName
{
    public static string Decode(ReadOnlySpan<byte> bytes, bool compressed) =>
        compressed ? Encoding.Latin1.GetString(bytes) : Encoding.Unicode.GetString(bytes[..(bytes.Length & ~1)]);
}

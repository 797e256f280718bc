using System.Buffers.Binary;
using System.Text;

namespace RdsCal.EventLog.BinXml;

/// <summary>Turns the bytes of one substitution value into an <see cref="EvtxValue"/> (every type but nested BinXml).</summary>
internal static class ValueDecoder
{
    private static readonly Encoding Ansi = CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    /// <summary>Decodes a value; null when its size does not fit its type (the caller reports where).</summary>
    public static EvtxValue? Decode(EvtxValueType type, ReadOnlySpan<byte> data, long fileOffset = -1)
    {
        if ((type & EvtxValueType.ArrayFlag) != 0 && !data.IsEmpty)
        {
            return DecodeArray(type, data);
        }
        // A value of no bytes is no value, whatever its type says: an optional substitution of it leaves its
        // element or attribute out (the empty Binary of classic events).
        if (data.IsEmpty)
        {
            return EvtxValue.Null;
        }
        object? value = type switch
        {
            EvtxValueType.Null => null,
            EvtxValueType.String => Utf16(data),
            EvtxValueType.AnsiString => Ansi.GetString(data).TrimEnd('\0'),
            EvtxValueType.Int8 when data.Length == 1 => (sbyte)data[0],
            EvtxValueType.UInt8 when data.Length == 1 => data[0],
            EvtxValueType.Int16 when data.Length == 2 => BinaryPrimitives.ReadInt16LittleEndian(data),
            EvtxValueType.UInt16 when data.Length == 2 => BinaryPrimitives.ReadUInt16LittleEndian(data),
            EvtxValueType.Int32 when data.Length == 4 => BinaryPrimitives.ReadInt32LittleEndian(data),
            EvtxValueType.UInt32 or EvtxValueType.HexInt32 when data.Length == 4 => BinaryPrimitives.ReadUInt32LittleEndian(data),
            EvtxValueType.Int64 when data.Length == 8 => BinaryPrimitives.ReadInt64LittleEndian(data),
            EvtxValueType.UInt64 or EvtxValueType.HexInt64 when data.Length == 8 => BinaryPrimitives.ReadUInt64LittleEndian(data),
            EvtxValueType.Real32 when data.Length == 4 => BinaryPrimitives.ReadSingleLittleEndian(data),
            EvtxValueType.Real64 when data.Length == 8 => BinaryPrimitives.ReadDoubleLittleEndian(data),
            EvtxValueType.Boolean when data.Length == 4 => BinaryPrimitives.ReadUInt32LittleEndian(data) != 0,
            EvtxValueType.Binary or EvtxValueType.EvtXml or EvtxValueType.EvtHandle => data.ToArray(),
            EvtxValueType.Guid when data.Length == 16 => new Guid(data),
            EvtxValueType.SizeT when data.Length == 4 => BinaryPrimitives.ReadUInt32LittleEndian(data),
            EvtxValueType.SizeT when data.Length == 8 => BinaryPrimitives.ReadUInt64LittleEndian(data),
            EvtxValueType.FileTime when data.Length == 8 => FileTime(BinaryPrimitives.ReadInt64LittleEndian(data)),
            EvtxValueType.SystemTime when data.Length == 16 => SystemTime(data),
            EvtxValueType.Sid => Sid(data),
            _ => Invalid,
        };
        return ReferenceEquals(value, Invalid) ? null : new EvtxValue(type, value) { FileOffset = fileOffset };
    }

    /// <summary>A FILETIME as UTC, or the raw number when it is past what DateTime holds (year 9999).</summary>
    public static object FileTime(long raw) =>
        raw >= 0 && raw <= DateTime.MaxValue.ToFileTimeUtc() ? DateTime.FromFileTimeUtc(raw) : (ulong)raw;

    public static string Utf16(ReadOnlySpan<byte> data)
    {
        var chars = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(data[..(data.Length & ~1)]);
        int end = chars.Length;
        while (end > 0 && chars[end - 1] == '\0')
        {
            end--;
        }
        return BitConverter.IsLittleEndian ? new string(chars[..end]) : Encoding.Unicode.GetString(data[..(end * 2)]);
    }

    private static readonly object Invalid = new();

    private static object SystemTime(ReadOnlySpan<byte> d)
    {
        Span<int> f = stackalloc int[8];
        for (int i = 0; i < 8; i++)
        {
            f[i] = BinaryPrimitives.ReadUInt16LittleEndian(d[(i * 2)..]);
        }
        int year = f[0], month = f[1], day = f[3], hour = f[4], minute = f[5], second = f[6], ms = f[7];
        bool valid = year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(1, year), Math.Clamp(month, 1, 12))
            && hour < 24 && minute < 60 && second < 60 && ms < 1000;
        return valid ? new DateTime(year, month, day, hour, minute, second, ms, DateTimeKind.Utc) : d.ToArray();
    }

    private static object Sid(ReadOnlySpan<byte> d)
    {
        if (d.Length < 8 || d.Length != 8 + (d[1] * 4))
        {
            return Invalid;
        }
        ulong authority = 0;
        for (int i = 2; i < 8; i++)
        {
            authority = (authority << 8) | d[i];
        }
        var sb = new StringBuilder("S-").Append(d[0]).Append('-').Append(authority);
        for (int i = 0; i < d[1]; i++)
        {
            sb.Append('-').Append(BinaryPrimitives.ReadUInt32LittleEndian(d[(8 + (i * 4))..]));
        }
        return sb.ToString();
    }

    private static EvtxValue? DecodeArray(EvtxValueType type, ReadOnlySpan<byte> data)
    {
        var element = type & ~EvtxValueType.ArrayFlag;
        var items = new List<EvtxValue>();
        if (element is EvtxValueType.String)
        {
            // Each item ends with a NUL: "\0" is one empty item, and a last item may lack its NUL.
            var chars = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(data[..(data.Length & ~1)]);
            while (!chars.IsEmpty)
            {
                int nul = chars.IndexOf('\0');
                items.Add(new EvtxValue(EvtxValueType.String, new string(nul < 0 ? chars : chars[..nul])));
                chars = nul < 0 ? [] : chars[(nul + 1)..];
            }
            return new EvtxValue(type, items);
        }
        int size = element switch
        {
            EvtxValueType.Int8 or EvtxValueType.UInt8 => 1,
            EvtxValueType.Int16 or EvtxValueType.UInt16 => 2,
            EvtxValueType.Int32 or EvtxValueType.UInt32 or EvtxValueType.HexInt32 or EvtxValueType.Real32 or EvtxValueType.Boolean => 4,
            EvtxValueType.Int64 or EvtxValueType.UInt64 or EvtxValueType.HexInt64 or EvtxValueType.Real64 or EvtxValueType.FileTime => 8,
            EvtxValueType.SizeT => data.Length % 8 == 0 ? 8 : 4,
            EvtxValueType.Guid or EvtxValueType.SystemTime => 16,
            _ => 0,
        };
        if (element is EvtxValueType.Sid)
        {
            while (data.Length >= 8 && data.Length >= 8 + (data[1] * 4))
            {
                int n = 8 + (data[1] * 4);
                items.Add(new EvtxValue(element, Sid(data[..n])));
                data = data[n..];
            }
            return data.IsEmpty ? new EvtxValue(type, items) : null;
        }
        if (size == 0 || data.Length % size != 0)
        {
            return null;
        }
        for (int at = 0; at < data.Length; at += size)
        {
            if (Decode(element, data.Slice(at, size)) is not { } item)
            {
                return null;
            }
            items.Add(item);
        }
        return new EvtxValue(type, items);
    }
}

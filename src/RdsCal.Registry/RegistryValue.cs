using System.Buffers.Binary;
using System.Text;

namespace RdsCal.Registry;

/// <summary>
/// A registry value: its name, kind and the raw bytes exactly as stored. Typed getters decode on
/// request and never change <see cref="Data"/>, so any value, however odd, round-trips.
/// </summary>
public sealed class RegistryValue
{
    private readonly byte[] _data;

    /// <summary>Creates a value from its raw bytes (copied).</summary>
    public RegistryValue(string name, RegistryValueKind kind, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Kind = kind;
        _data = data.ToArray();
    }

    private RegistryValue(string name, RegistryValueKind kind, byte[] data, bool _)
    {
        Name = name;
        Kind = kind;
        _data = data;
    }

    /// <summary>Wraps an array the caller gives up (no copy).</summary>
    internal static RegistryValue Adopt(string name, RegistryValueKind kind, byte[] data) => new(name, kind, data, true);

    /// <summary>The value name; the empty string is the key's default value (<c>@</c> in .reg files).</summary>
    public string Name { get; }

    /// <summary>The stored type, which may be any 32-bit number.</summary>
    public RegistryValueKind Kind { get; }

    /// <summary>The raw bytes as stored.</summary>
    public ReadOnlyMemory<byte> Data => _data;

    /// <summary>The raw bytes as a span.</summary>
    public ReadOnlySpan<byte> Span => _data;

    /// <summary>True when this is the key's default (unnamed) value.</summary>
    public bool IsDefault => Name.Length == 0;

    /// <summary>A REG_SZ value with a terminating NUL, as Windows writes it.</summary>
    public static RegistryValue FromString(string name, string text, RegistryValueKind kind = RegistryValueKind.String) =>
        Adopt(name, kind, EncodeString(text));

    /// <summary>A REG_DWORD value.</summary>
    public static RegistryValue FromDWord(string name, uint number)
    {
        var data = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(data, number);
        return Adopt(name, RegistryValueKind.DWord, data);
    }

    /// <summary>A REG_QWORD value.</summary>
    public static RegistryValue FromQWord(string name, ulong number)
    {
        var data = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(data, number);
        return Adopt(name, RegistryValueKind.QWord, data);
    }

    /// <summary>A REG_MULTI_SZ value: each string NUL-terminated, then one more NUL.</summary>
    public static RegistryValue FromMultiString(string name, IEnumerable<string> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        var sb = new StringBuilder();
        foreach (string s in strings)
        {
            sb.Append(s).Append('\0');
        }
        sb.Append('\0');
        return Adopt(name, RegistryValueKind.MultiString, Encoding.Unicode.GetBytes(sb.ToString()));
    }

    /// <summary>A REG_BINARY value.</summary>
    public static RegistryValue FromBinary(string name, ReadOnlySpan<byte> data) => new(name, RegistryValueKind.Binary, data);

    /// <summary>UTF-16LE bytes of a string plus a terminating NUL.</summary>
    public static byte[] EncodeString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new byte[(text.Length + 1) * 2];
        Encoding.Unicode.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>
    /// The data read as UTF-16LE text up to the first NUL, whatever the kind. An odd trailing byte
    /// is ignored, as Windows' RegQueryValueEx would.
    /// </summary>
    public string AsString()
    {
        var chars = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(_data.AsSpan(0, _data.Length & ~1));
        int nul = chars.IndexOf('\0');
        return new string(nul < 0 ? chars : chars[..nul]);
    }

    /// <summary>
    /// The data read as REG_MULTI_SZ: NUL-separated strings, stopping at the first empty one
    /// (the terminator). A missing terminator is tolerated.
    /// </summary>
    public IReadOnlyList<string> AsMultiString()
    {
        var chars = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(_data.AsSpan(0, _data.Length & ~1));
        var list = new List<string>();
        while (!chars.IsEmpty)
        {
            int nul = chars.IndexOf('\0');
            var part = nul < 0 ? chars : chars[..nul];
            if (part.IsEmpty)
            {
                break;
            }
            list.Add(new string(part));
            chars = nul < 0 ? [] : chars[(nul + 1)..];
        }
        return list;
    }

    /// <summary>The 32-bit number of a 4-byte DWORD (little or big endian by kind), or null.</summary>
    public uint? AsDWord() => _data.Length != 4 ? null
        : Kind == RegistryValueKind.DWordBigEndian ? BinaryPrimitives.ReadUInt32BigEndian(_data)
        : BinaryPrimitives.ReadUInt32LittleEndian(_data);

    /// <summary>The 64-bit number of an 8-byte QWORD, or null.</summary>
    public ulong? AsQWord() => _data.Length != 8 ? null : BinaryPrimitives.ReadUInt64LittleEndian(_data);

    /// <summary>A one-line rendering for people: decoded where the kind and size allow, hex otherwise.</summary>
    public string ToDisplayString() => Kind switch
    {
        RegistryValueKind.String or RegistryValueKind.ExpandString or RegistryValueKind.Link => AsString(),
        RegistryValueKind.DWord or RegistryValueKind.DWordBigEndian when _data.Length == 4 => $"0x{AsDWord():x8} ({AsDWord()})",
        RegistryValueKind.QWord when _data.Length == 8 => $"0x{AsQWord():x16} ({AsQWord()})",
        RegistryValueKind.MultiString => string.Join(", ", AsMultiString()),
        RegistryValueKind.ResourceList or RegistryValueKind.FullResourceDescriptor or RegistryValueKind.ResourceRequirementsList
            when ResourceDescriptors.Summary(this) is { } summary => summary,
        _ => Convert.ToHexString(_data.AsSpan(0, Math.Min(_data.Length, 32))) + (_data.Length > 32 ? "…" : string.Empty),
    };

    /// <inheritdoc />
    public override string ToString() => $"{(IsDefault ? "@" : Name)} {Kind.ToWindowsName()} [{_data.Length} bytes]";
}

using System.Buffers.Binary;
using System.Text;

namespace RdsCal.Registry.Policy;

/// <summary>Writes Registry.pol (PReg version 1) files.</summary>
public static class PolicyFileWriter
{
    /// <summary>The bytes of a Registry.pol file holding the entries in order.</summary>
    public static byte[] Write(IEnumerable<PolicyEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var ms = new MemoryStream();
        ms.Write("PReg"u8);
        Span<byte> n = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(n, 1);
        ms.Write(n);
        foreach (var e in entries)
        {
            Char(ms, '[');
            ms.Write(Encoding.Unicode.GetBytes(e.KeyPath + "\0"));
            Char(ms, ';');
            ms.Write(Encoding.Unicode.GetBytes(e.ValueName + "\0"));
            Char(ms, ';');
            BinaryPrimitives.WriteUInt32LittleEndian(n, (uint)e.Kind);
            ms.Write(n);
            Char(ms, ';');
            BinaryPrimitives.WriteUInt32LittleEndian(n, (uint)e.Data.Length);
            ms.Write(n);
            Char(ms, ';');
            ms.Write(e.Data);
            Char(ms, ']');
        }
        return ms.ToArray();
    }

    private static void Char(Stream s, char c)
    {
        s.WriteByte((byte)c);
        s.WriteByte(0);
    }
}

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

    /// <summary>
    /// Rewrites a Registry.pol file: every entry <paramref name="remove"/> does not select is copied byte for
    /// byte from <paramref name="original"/> (header included), in order, and <paramref name="append"/> is
    /// written after them, so it is applied last and no earlier delete instruction can undo it.
    /// </summary>
    /// <param name="original">The file's bytes (empty for a new file).</param>
    /// <param name="entries">The entries <see cref="PolicyFileReader.Parse"/> read from <paramref name="original"/>.</param>
    /// <param name="remove">Which entries to drop.</param>
    /// <param name="append">New entries.</param>
    public static byte[] Rewrite(ReadOnlySpan<byte> original, IReadOnlyList<PolicyEntry> entries, Func<PolicyEntry, bool> remove, IEnumerable<PolicyEntry> append)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(remove);
        ArgumentNullException.ThrowIfNull(append);
        if (original.IsEmpty)
        {
            return Write(append);
        }
        using var ms = new MemoryStream(original.Length + 256);
        int headerEnd = entries.Count == 0 ? original.Length : (int)entries[0].Offset;
        ms.Write(original[..headerEnd]);
        for (int i = 0; i < entries.Count; i++)
        {
            int start = (int)entries[i].Offset;
            int end = i + 1 < entries.Count ? (int)entries[i + 1].Offset : original.Length;
            if (!remove(entries[i]))
            {
                ms.Write(original[start..end]);
            }
        }
        byte[] tail = Write(append);
        ms.Write(tail.AsSpan(8));
        return ms.ToArray();
    }

    private static void Char(Stream s, char c)
    {
        s.WriteByte((byte)c);
        s.WriteByte(0);
    }
}

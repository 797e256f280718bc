using System.Buffers.Binary;

namespace RdsCal.Tests;

/// <summary>
/// Hostile hives made from real ones by rewriting single fields, at the offsets the regf format documents (cell
/// data starts after the 4-byte size; key node: parent at 16, subkey count at 20, subkey list at 28).
/// </summary>
internal static class HostileHive
{
    private const int Bins = 4096;

    /// <summary>
    /// The hive with the first entry of <paramref name="key"/>'s subkey leaf replaced by <paramref name="target"/>
    /// (for example an ancestor's offset: a cycle). The key's list must be a leaf (lf, lh or li).
    /// </summary>
    public static byte[] WithSubkeyEntry(byte[] hive, uint key, uint target)
    {
        byte[] b = (byte[])hive.Clone();
        uint list = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(CellData(key) + 28));
        int leaf = CellData(list);
        string signature = System.Text.Encoding.ASCII.GetString(b, leaf, 2);
        if (signature is not ("lf" or "lh" or "li"))
        {
            throw new InvalidOperationException($"key 0x{key:X} has a '{signature}' subkey list, not a leaf");
        }
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(leaf + 4), target);
        FixChecksum(b);
        return b;
    }

    /// <summary>
    /// The hive with the first two entries of <paramref name="key"/>'s subkey leaf swapped (offset and hash or
    /// hint together): the list is then out of order. The key's list must be an lf or lh leaf.
    /// </summary>
    public static byte[] WithFirstSubkeysSwapped(byte[] hive, uint key)
    {
        byte[] b = (byte[])hive.Clone();
        uint list = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(CellData(key) + 28));
        int leaf = CellData(list);
        string signature = System.Text.Encoding.ASCII.GetString(b, leaf, 2);
        if (signature is not ("lf" or "lh") || BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(leaf + 2)) < 2)
        {
            throw new InvalidOperationException($"key 0x{key:X} has a '{signature}' subkey list, not an lf or lh leaf of two or more");
        }
        ulong first = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(leaf + 4));
        ulong second = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(leaf + 12));
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(leaf + 4), second);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(leaf + 12), first);
        FixChecksum(b);
        return b;
    }

    /// <summary>The hive with the size field of its first free cell set to <paramref name="size"/>.</summary>
    public static byte[] WithFreeCellSize(byte[] hive, uint size)
    {
        byte[] b = (byte[])hive.Clone();
        int dataSize = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(40));
        for (int bin = 0; bin < dataSize;)
        {
            int binSize = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(Bins + bin + 8));
            for (int pos = bin + 32; pos < bin + binSize;)
            {
                int raw = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(Bins + pos));
                if (raw > 0)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(Bins + pos), size);
                    FixChecksum(b);
                    return b;
                }
                pos += Math.Abs(raw);
            }
            bin += binSize;
        }
        throw new InvalidOperationException("the hive has no free cell");
    }

    private static int CellData(uint offset) => Bins + (int)offset + 4;

    private static void FixChecksum(byte[] b)
    {
        uint sum = 0;
        for (int i = 0; i < 508; i += 4)
        {
            sum ^= BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(i));
        }
        sum = sum switch
        {
            0 => 1,
            0xFFFFFFFF => 0xFFFFFFFE,
            _ => sum,
        };
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(508), sum);
    }
}

using System.Buffers.Binary;
using System.Numerics;

namespace RdsCal.Registry.Hive;

/// <summary>The Marvin32 hash that guards new-format (HvLE) log entries.</summary>
internal static class Marvin32
{
    /// <summary>The seed Windows uses for log entries.</summary>
    /// <remarks>
    /// The bytes 82 EF 4D 88 7A 4E 55 C5 read as a big-endian number. Read little-endian (as the regf
    /// specification's decimal 14219357686671994754 suggests) no real log entry verifies; this value
    /// verifies every entry of the yarp and regipy logs.
    /// </remarks>
    public const ulong LogSeed = 0x82EF4D887A4E55C5;

    public static ulong Hash(ReadOnlySpan<byte> data, ulong seed = LogSeed)
    {
        uint p0 = (uint)seed;
        uint p1 = (uint)(seed >> 32);
        while (data.Length >= 4)
        {
            p0 += BinaryPrimitives.ReadUInt32LittleEndian(data);
            Block(ref p0, ref p1);
            data = data[4..];
        }
        p0 += data.Length switch
        {
            0 => 0x80u,
            1 => 0x8000u | data[0],
            2 => 0x800000u | BinaryPrimitives.ReadUInt16LittleEndian(data),
            _ => 0x80000000u | ((uint)data[2] << 16) | BinaryPrimitives.ReadUInt16LittleEndian(data),
        };
        Block(ref p0, ref p1);
        Block(ref p0, ref p1);
        return ((ulong)p1 << 32) | p0;
    }

    private static void Block(ref uint p0, ref uint p1)
    {
        p1 ^= p0;
        p0 = BitOperations.RotateLeft(p0, 20);
        p0 += p1;
        p1 = BitOperations.RotateLeft(p1, 9);
        p1 ^= p0;
        p0 = BitOperations.RotateLeft(p0, 27);
        p0 += p1;
        p1 = BitOperations.RotateLeft(p1, 19);
    }
}

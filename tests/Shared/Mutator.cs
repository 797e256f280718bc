using System.Buffers.Binary;

namespace RdsCal.Tests;

/// <summary>
/// Deterministic structure-aware mutations of registry files: bit flips, boundary values written into
/// 16- and 32-bit fields (sizes, counts, offsets), cell-offset-shaped numbers, block copies and truncation.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly uint[] Interesting =
    [
        0, 1, 2, 3, 4, 5, 7, 8, 0x10, 0x20, 0x7F, 0x80, 0xFF, 0x100, 0x1000, 0x3FD8, 0x3FD9, 0x7FFF, 0x8000, 0xFFFF,
        0x10000, 0x7FFFFFFF, 0x80000000, 0x80000004, 0x80000005, 0xFFFFFFF8, 0xFFFFFFFE, 0xFFFFFFFF,
    ];

    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] original)
    {
        byte[] b = (byte[])original.Clone();
        int count = 1 + _random.Next(8);
        for (int i = 0; i < count && b.Length > 8; i++)
        {
            int at = _random.Next(b.Length - 4);
            switch (_random.Next(8))
            {
                case 0:
                    b[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    b[at] = (byte)Interesting[_random.Next(Interesting.Length)];
                    break;
                case 2:
                    BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at & ~1), (ushort)Interesting[_random.Next(Interesting.Length)]);
                    break;
                case 3:
                    BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at & ~3), Interesting[_random.Next(Interesting.Length)]);
                    break;
                case 4:
                    // A plausible cell offset: 8-aligned, inside or just past the data.
                    BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at & ~3), (uint)(_random.Next(Math.Max(1, b.Length)) & ~7));
                    break;
                case 5:
                    // A negative (allocated) cell size of a random multiple of 8.
                    BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(at & ~3), -8 * (1 + _random.Next(1024)));
                    break;
                case 6:
                    int len = Math.Min(1 + _random.Next(64), b.Length - at);
                    int from = _random.Next(b.Length - len);
                    Buffer.BlockCopy(b, from, b, at, len);
                    break;
                default:
                    if (_random.Next(4) == 0)
                    {
                        Array.Resize(ref b, Math.Max(0, b.Length - 1 - _random.Next(b.Length / 2)));
                    }
                    else
                    {
                        b[at] = (byte)_random.Next(256);
                    }
                    break;
            }
        }
        return b;
    }
}

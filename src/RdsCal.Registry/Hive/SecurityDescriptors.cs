using System.Buffers.Binary;

namespace RdsCal.Registry.Hive;

/// <summary>Security descriptors rdscal writes into hives it creates.</summary>
public static class SecurityDescriptors
{
    private const uint KeyAllAccess = 0xF003F;
    private const uint KeyRead = 0x20019;

    /// <summary>
    /// The descriptor of a new hive's root: owner Administrators, group SYSTEM; SYSTEM and Administrators full
    /// control, Users read, all inherited by subkeys (what Windows gives a key it creates under HKLM\SOFTWARE).
    /// </summary>
    public static byte[] DefaultKey { get; } = Build(
        Sid(5, 32, 544), Sid(5, 18),
        [(Sid(5, 18), KeyAllAccess), (Sid(5, 32, 544), KeyAllAccess), (Sid(5, 32, 545), KeyRead)]);

    private static byte[] Sid(byte authority, params uint[] subs)
    {
        var sid = new byte[8 + (4 * subs.Length)];
        sid[0] = 1;
        sid[1] = (byte)subs.Length;
        sid[7] = authority;
        for (int i = 0; i < subs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(sid.AsSpan(8 + (4 * i)), subs[i]);
        }
        return sid;
    }

    private static byte[] Build(byte[] owner, byte[] group, (byte[] Sid, uint Mask)[] aces)
    {
        const int header = 20;
        int aclSize = 8 + aces.Sum(a => 8 + a.Sid.Length);
        var sd = new byte[header + aclSize + owner.Length + group.Length];
        sd[0] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(sd.AsSpan(2), 0x8004); // self-relative, DACL present
        int dacl = header, ownerAt = header + aclSize, groupAt = ownerAt + owner.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(sd.AsSpan(4), (uint)ownerAt);
        BinaryPrimitives.WriteUInt32LittleEndian(sd.AsSpan(8), (uint)groupAt);
        BinaryPrimitives.WriteUInt32LittleEndian(sd.AsSpan(16), (uint)dacl);
        sd[dacl] = 2;
        BinaryPrimitives.WriteUInt16LittleEndian(sd.AsSpan(dacl + 2), (ushort)aclSize);
        BinaryPrimitives.WriteUInt16LittleEndian(sd.AsSpan(dacl + 4), (ushort)aces.Length);
        int pos = dacl + 8;
        foreach (var (sid, mask) in aces)
        {
            sd[pos] = 0; // ACCESS_ALLOWED_ACE_TYPE
            sd[pos + 1] = 0x03; // OBJECT_INHERIT | CONTAINER_INHERIT
            BinaryPrimitives.WriteUInt16LittleEndian(sd.AsSpan(pos + 2), (ushort)(8 + sid.Length));
            BinaryPrimitives.WriteUInt32LittleEndian(sd.AsSpan(pos + 4), mask);
            sid.CopyTo(sd, pos + 8);
            pos += 8 + sid.Length;
        }
        owner.CopyTo(sd, ownerAt);
        group.CopyTo(sd, groupAt);
        return sd;
    }
}

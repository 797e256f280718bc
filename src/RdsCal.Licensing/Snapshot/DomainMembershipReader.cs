using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using RdsCal.Licensing.Sources;
using RdsCal.Registry;

namespace RdsCal.Licensing.Snapshot;

/// <summary>
/// Reads the machine's primary domain from the LSA policy in a SECURITY hive: <c>Policy\PolPrDmN</c> holds the
/// name as a self-relative UNICODE_STRING and <c>Policy\PolPrDmS</c> the domain SID, empty for a workgroup (as a
/// real workgroup machine's SECURITY hive shows). The DNS suffix in TCP/IP parameters is not membership: a
/// workgroup machine can have one.
/// </summary>
internal static class DomainMembershipReader
{
    public const string NameKey = @"Policy\PolPrDmN";
    public const string SidKey = @"Policy\PolPrDmS";

    /// <summary>The membership, or why it cannot be read from this hive.</summary>
    public static (DomainMembership? Membership, string? Problem) Read(RegistrySource security)
    {
        var nameValue = security.Root.Open(NameKey)?.GetValue(string.Empty);
        var sidValue = security.Root.Open(SidKey)?.GetValue(string.Empty);
        if (nameValue is null || sidValue is null)
        {
            return (null, $"{security.Label}: SECURITY has no {NameKey} and {SidKey} default values (is it a SECURITY hive?): domain membership is unknown");
        }
        string? name = DecodeName(nameValue.Span);
        if (name is null)
        {
            return (null, $"{security.Label}: {NameKey} is {nameValue.Data.Length} bytes, not a self-relative UNICODE_STRING: domain membership is unknown");
        }
        string? sid = null;
        if (sidValue.Data.Length > 0)
        {
            sid = DecodeSid(sidValue.Span);
            if (sid is null)
            {
                return (null, $"{security.Label}: {SidKey} is {sidValue.Data.Length} bytes, not a SID: domain membership is unknown");
            }
        }
        return (new DomainMembership(sid is not null, name, sid, new Provenance($"HKLM\\SECURITY\\{NameKey}", security.Label)), null);
    }

    /// <summary>Length (2), maximum length (2), buffer offset (4), then the UTF-16LE text; null when the layout does not hold.</summary>
    internal static string? DecodeName(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8)
        {
            return null;
        }
        int length = BinaryPrimitives.ReadUInt16LittleEndian(data);
        uint offset = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (length % 2 != 0 || offset < 8 || offset > data.Length || length > data.Length - offset)
        {
            return null;
        }
        return Encoding.Unicode.GetString(data.Slice((int)offset, length));
    }

    /// <summary>A binary SID as S-R-A-S1-…; null when the layout does not hold.</summary>
    internal static string? DecodeSid(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 || data[0] != 1)
        {
            return null;
        }
        int count = data[1];
        if (data.Length != 8 + (4 * count))
        {
            return null;
        }
        ulong authority = 0;
        for (int i = 2; i < 8; i++)
        {
            authority = (authority << 8) | data[i];
        }
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"S-1-{authority}");
        for (int i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"-{BinaryPrimitives.ReadUInt32LittleEndian(data[(8 + (4 * i))..])}");
        }
        return text.ToString();
    }
}

using System.Buffers.Binary;
using System.Text;
using RdsCal.Registry.Memory;

namespace RdsCal.Registry.Policy;

/// <summary>
/// Reads Group Policy Registry.pol (PReg) files: a "PReg" signature and version 1, then
/// <c>[key;value;type;size;data]</c> instructions with UTF-16LE strings and raw little-endian numbers.
/// </summary>
public static class PolicyFileReader
{
    private const int MaxDataSize = 1 << 20;

    /// <summary>
    /// The largest Registry.pol rdscal reads: 64 MiB, thousands of times a real one (a few kilobytes, each value at
    /// most 1 MiB here) and small enough that a file linked to a device or a huge file is refused before it is read.
    /// </summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>Reads a file.</summary>
    /// <exception cref="PolicyFormatException">The file is malformed (with the byte offset).</exception>
    public static IReadOnlyList<PolicyEntry> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Parse(ReadBytes(path));
        }
        catch (PolicyFormatException e) when (e.FilePath is null)
        {
            throw e.WithFile(path);
        }
    }

    /// <summary>A Registry.pol file's bytes, through the input check and within <see cref="MaxFileBytes"/>.</summary>
    /// <exception cref="UnrecognizedInputException">Not a regular file, or larger than a Registry.pol can be.</exception>
    public static byte[] ReadBytes(string path) => RegistryInput.ReadAllBytes(path, MaxFileBytes, "a Registry.pol file");

    /// <summary>Parses Registry.pol bytes.</summary>
    /// <exception cref="PolicyFormatException">The bytes are malformed (with the byte offset).</exception>
    public static IReadOnlyList<PolicyEntry> Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 || !data[..4].SequenceEqual("PReg"u8))
        {
            throw new PolicyFormatException("not a Registry.pol file: it does not start with 'PReg'", 0);
        }
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (version != 1)
        {
            throw new PolicyFormatException($"version {version} is not supported (1 is)", 4);
        }
        var entries = new List<PolicyEntry>();
        int pos = 8;
        while (pos < data.Length)
        {
            int start = pos;
            Expect(data, ref pos, '[');
            string key = ReadString(data, ref pos);
            Expect(data, ref pos, ';');
            string name = ReadString(data, ref pos);
            Expect(data, ref pos, ';');
            uint type = ReadUInt32(data, ref pos);
            Expect(data, ref pos, ';');
            uint size = ReadUInt32(data, ref pos);
            Expect(data, ref pos, ';');
            if (size > MaxDataSize || size > data.Length - pos)
            {
                throw new PolicyFormatException($"data of {size:N0} bytes runs past the end of the file", pos);
            }
            byte[] value = data.Slice(pos, (int)size).ToArray();
            pos += (int)size;
            Expect(data, ref pos, ']');
            entries.Add(new PolicyEntry(key, name, (RegistryValueKind)type, value, start));
        }
        return entries;
    }

    /// <summary>
    /// Applies the instructions to a tree rooted at the hive they address (HKLM for Machine files, so
    /// <c>Software\Policies\…</c> lands under the tree's <c>Software</c> key), as Group Policy does.
    /// </summary>
    public static void ApplyTo(IEnumerable<PolicyEntry> entries, MemoryKey root)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(root);
        foreach (var e in entries)
        {
            switch (e.Action)
            {
                case PolicyAction.SetValue:
                    root.CreateSubkeyPath(e.KeyPath).SetValue(e.ToValue());
                    break;
                case PolicyAction.SoftSetValue:
                    var key = root.CreateSubkeyPath(e.KeyPath);
                    if (key.GetValue(e.TargetName) is null)
                    {
                        key.SetValue(e.ToValue());
                    }
                    break;
                case PolicyAction.CreateKey:
                    root.CreateSubkeyPath(e.KeyPath);
                    break;
                case PolicyAction.DeleteValue:
                    ((MemoryKey?)root.Open(e.KeyPath))?.DeleteValue(e.TargetName);
                    break;
                case PolicyAction.DeleteAllValues:
                    if (root.Open(e.KeyPath) is MemoryKey all)
                    {
                        foreach (var v in all.Values.ToList())
                        {
                            all.DeleteValue(v.Name);
                        }
                    }
                    break;
                case PolicyAction.DeleteValues:
                    if (root.Open(e.KeyPath) is MemoryKey some)
                    {
                        foreach (string n in Names(e))
                        {
                            some.DeleteValue(n);
                        }
                    }
                    break;
                case PolicyAction.DeleteKeys:
                    if (root.Open(e.KeyPath) is MemoryKey parent)
                    {
                        foreach (string n in Names(e))
                        {
                            parent.DeleteSubkey(n);
                        }
                    }
                    break;
                case PolicyAction.SecureKey:
                    root.CreateSubkeyPath(e.KeyPath);
                    break;
            }
        }
    }

    private static string[] Names(PolicyEntry e) =>
        new RegistryValue(string.Empty, RegistryValueKind.String, e.Data).AsString().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void Expect(ReadOnlySpan<byte> data, ref int pos, char c)
    {
        if (pos + 2 > data.Length || BinaryPrimitives.ReadUInt16LittleEndian(data[pos..]) != c)
        {
            throw new PolicyFormatException($"expected '{c}' (UTF-16LE)", pos);
        }
        pos += 2;
    }

    private static string ReadString(ReadOnlySpan<byte> data, ref int pos)
    {
        int start = pos;
        while (pos + 2 <= data.Length)
        {
            if (BinaryPrimitives.ReadUInt16LittleEndian(data[pos..]) == 0)
            {
                string s = Encoding.Unicode.GetString(data[start..pos]);
                pos += 2;
                return s;
            }
            pos += 2;
        }
        throw new PolicyFormatException("string has no terminating NUL", start);
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> data, ref int pos)
    {
        if (pos + 4 > data.Length)
        {
            throw new PolicyFormatException("file ends inside a number", pos);
        }
        uint n = BinaryPrimitives.ReadUInt32LittleEndian(data[pos..]);
        pos += 4;
        return n;
    }
}

using System.Text;
using RdsCal.Registry.Memory;
using RdsCal.Registry.RegText;

namespace RdsCal.Tests;

/// <summary>Reads a hive through hivex (hivexregedit --export), the independent implementation tests compare with.</summary>
internal static class Hivex
{
    /// <summary>The tree hivex sees in the hive, parsed by our .reg reader.</summary>
    public static MemoryKey Export(string hivePath)
    {
        var (exit, _, err) = ExternalTool.Run("sh", "-c", $"hivexregedit --export '{hivePath}' '\\' > '{hivePath}.hivex.reg' 2>'{hivePath}.hivex.err'");
        if (exit != 0)
        {
            throw new InvalidOperationException($"hivexregedit failed on {hivePath}: {err}{File.ReadAllText(hivePath + ".hivex.err")}");
        }
        return RegTextReader.Parse(DecodeMixed(File.ReadAllBytes(hivePath + ".hivex.reg"))).ToTree();
    }

    /// <summary>hivexregedit prints Latin-1 names as raw bytes and UTF-16 names as UTF-8: decode line by line.</summary>
    private static string DecodeMixed(byte[] bytes)
    {
        var strict = new UTF8Encoding(false, true);
        var sb = new StringBuilder(bytes.Length);
        int start = 0;
        for (int i = 0; i <= bytes.Length; i++)
        {
            if (i == bytes.Length || bytes[i] == (byte)'\n')
            {
                var line = bytes.AsSpan(start, i - start);
                try
                {
                    sb.Append(strict.GetString(line));
                }
                catch (DecoderFallbackException)
                {
                    sb.Append(Encoding.Latin1.GetString(line));
                }
                sb.Append('\n');
                start = i + 1;
            }
        }
        return sb.ToString();
    }
}

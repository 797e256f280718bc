using RdsCal.Registry;
using RdsCal.Registry.Hive;

namespace RdsCal.Tests;

/// <summary>Reads everything a hive offers, the way the fuzzer and the robustness tests exercise the reader.</summary>
internal static class HiveWalk
{
    /// <summary>Opens and fully walks a hive image; returns the number of keys and values seen.</summary>
    public static int Everything(byte[] bytes)
    {
        using var hive = HiveFile.Load(bytes);
        int seen = 0;
        var stack = new Stack<HiveKey>();
        stack.Push(hive.Root);
        while (stack.Count > 0)
        {
            var key = stack.Pop();
            seen++;
            _ = key.Name;
            _ = key.ClassName;
            _ = key.SecurityDescriptor;
            _ = key.LastWriteTime;
            foreach (var v in key.EnumerateValues())
            {
                seen++;
                _ = v.ToDisplayString();
            }
            _ = key.GetValue("LicensingMode");
            _ = key.FindSubkey("Control");
            foreach (var sub in key.Subkeys())
            {
                stack.Push(sub);
            }
        }
        return seen;
    }
}

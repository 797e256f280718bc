using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using RdsCal.Registry;
using RdsCal.Registry.Hive;
using RdsCal.Registry.RegText;

namespace RdsCal.Benchmarks;

/// <summary>
/// The hive reader on the 12 MB Windows 10 SYSTEM hive (regipy SYSTEM_B, read as-is) and a small one.
/// Run: dotnet run -c Release --project bench/RdsCal.Benchmarks -- --filter '*HiveReader*'
/// </summary>
[MemoryDiagnoser]
public class HiveReaderBenchmarks
{
    private string _path = string.Empty;

    /// <summary>Named inputs.</summary>
    public enum Input
    {
        /// <summary>yarp UnicodeHive (8 KB of bins).</summary>
        Small,
        /// <summary>regipy SYSTEM_B (12 MB).</summary>
        System,
    }

    [ParamsAllValues]
    public Input Hive { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string root = FindTestData();
        string dir = Directory.CreateTempSubdirectory("rdscal-bench-").FullName;
        if (Hive == Input.System)
        {
            _path = Path.Combine(dir, "SYSTEM_B");
            using var gz = new GZipStream(File.OpenRead(Path.Combine(root, "real", "regipy", "SYSTEM_B.gz")), CompressionMode.Decompress);
            using var fs = File.Create(_path);
            gz.CopyTo(fs);
        }
        else
        {
            _path = Path.Combine(dir, "UnicodeHive");
            File.Copy(Path.Combine(root, "real", "yarp", "UnicodeHive"), _path);
        }
    }

    /// <summary>Open the file and read one value five levels below the root (the target: under 1 ms).</summary>
    [Benchmark]
    public uint? OpenAndReadOneValueFiveLevelsDeep()
    {
        using var hive = HiveFile.Open(_path, new HiveOpenOptions { ApplyLogs = false });
        var key = hive.Root.Open(Hive == Input.System ? @"ControlSet001\Control\Terminal Server\RCM\Licensing Core" : @"Привет\Ключ");
        return key?.GetValue(Hive == Input.System ? "LicensingMode" : string.Empty)?.AsDWord() ?? 0;
    }

    /// <summary>Visit every key and value (names decoded, data copied): the reader alone.</summary>
    [Benchmark]
    public int WalkEverything()
    {
        using var hive = HiveFile.Open(_path, new HiveOpenOptions { ApplyLogs = false });
        int n = 0;
        var stack = new Stack<HiveKey>();
        stack.Push(hive.Root);
        while (stack.Count > 0)
        {
            var k = stack.Pop();
            foreach (var v in k.EnumerateValues())
            {
                n += v.Data.Length > 0 ? 1 : 0;
            }
            foreach (var s in k.Subkeys())
            {
                stack.Push(s);
            }
        }
        return n;
    }

    /// <summary>The whole export to .reg text, written to a null stream.</summary>
    [Benchmark]
    public long ExportToReg()
    {
        using var hive = HiveFile.Open(_path, new HiveOpenOptions { ApplyLogs = false });
        using var writer = new StreamWriter(Stream.Null, RegTextWriter.Regedit5Encoding, 1 << 16);
        RegTextWriter.Export(hive.Root, "HKEY_LOCAL_MACHINE\\SYSTEM", writer);
        return writer.BaseStream.Length;
    }

    internal static string FindTestData()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            string candidate = Path.Combine(dir.FullName, "..", "shared", "testdata");
            if (File.Exists(Path.Combine(dir.FullName, "rdscal.slnx")) && Directory.Exists(candidate))
            {
                return candidate;
            }
            dir = dir.Parent;
        }
        throw new InvalidOperationException("../shared/testdata not found beside the repository");
    }
}

using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using RdsCal.Registry;
using RdsCal.Registry.Hive;
using RdsCal.Registry.Memory;
using RdsCal.Registry.Policy;
using RdsCal.Registry.RegText;

namespace RdsCal.Benchmarks;

/// <summary>
/// What import does with many sibling keys, and a Registry.pol with many values in one key, at 5,000 and
/// 200,000: both must grow linearly (the tests bound the ratio; this measures the speed).
/// Run: dotnet run -c Release --project bench/RdsCal.Benchmarks -- --filter '*ImportScaling*' --job short
/// </summary>
[MemoryDiagnoser]
public class ImportScalingBenchmarks
{
    private string _reg = string.Empty;
    private byte[] _pol = [];

    [Params(5_000, 200_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\Bulk]\r\n\r\n");
        for (int i = 0; i < Count; i++)
        {
            sb.Append("[HKEY_LOCAL_MACHINE\\SYSTEM\\Bulk\\Key").Append(i.ToString("D7", CultureInfo.InvariantCulture)).Append("]\r\n");
            sb.Append("\"V\"=dword:").Append(i.ToString("x8", CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        }
        _reg = sb.ToString();
        _pol = PolicyFileWriter.Write(Enumerable.Range(0, Count).Select(i =>
            new PolicyEntry(@"Software\Policies\Bulk", $"V{i}", RegistryValueKind.DWord, BitConverter.GetBytes(i), 0)));
    }

    /// <summary>Parse the .reg, create every key and set every value in a new hive, produce the image.</summary>
    [Benchmark]
    public int ImportSiblingKeys()
    {
        var editor = HiveEditor.CreateEmpty();
        foreach (var e in RegTextReader.Parse(_reg).Entries)
        {
            string rel = string.Join('\\', RegistryPath.Split(e.KeyPath).Skip(2));
            editor.CreateKey(rel);
            if (e.Kind == RegTextEntryKind.SetValue)
            {
                editor.SetValue(rel, e.Value!);
            }
        }
        return editor.ToArray().Length;
    }

    /// <summary>Parse a Registry.pol and apply it to a tree.</summary>
    [Benchmark]
    public int ApplyRegistryPol()
    {
        var root = new MemoryKey();
        PolicyFileReader.ApplyTo(PolicyFileReader.Parse(_pol), root);
        return root.Open(@"Software\Policies\Bulk")!.ValueCount;
    }
}

using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using RdsCal.Registry;
using RdsCal.Registry.Hive;
using RdsCal.Registry.RegText;

namespace RdsCal.Benchmarks;

/// <summary>
/// The writer and the .reg reader in process, on the 12 MB SYSTEM_B hive (recovered from its logs).
/// Run: dotnet run -c Release --project bench/RdsCal.Benchmarks -- --filter '*HiveEditor*'
/// </summary>
[MemoryDiagnoser]
public class HiveEditorBenchmarks
{
    private byte[] _hive = [];
    private byte[] _export = [];

    [GlobalSetup]
    public void Setup()
    {
        string root = HiveReaderBenchmarks.FindTestData();
        byte[] Read(string name)
        {
            using var gz = new GZipStream(File.OpenRead(Path.Combine(root, "real", "regipy", name)), CompressionMode.Decompress);
            using var ms = new MemoryStream();
            gz.CopyTo(ms);
            return ms.ToArray();
        }
        using var recovered = HiveFile.Load(Read("SYSTEM_B.gz"), [new TransactionLogSource("LOG1", Read("SYSTEM_B.LOG1.gz")), new TransactionLogSource("LOG2", Read("SYSTEM_B.LOG2.gz"))]);
        _hive = recovered.Bytes.ToArray()[..(4096 + (int)recovered.Header.DataSize)];
        using var writer = new StringWriter();
        RegTextWriter.Export(recovered.Root, "HKEY_LOCAL_MACHINE\\SYSTEM", writer);
        _export = RegTextWriter.Regedit5Encoding.GetPreamble().Concat(RegTextWriter.Regedit5Encoding.GetBytes(writer.ToString())).ToArray();
    }

    /// <summary>Load the image for editing (free-cell index), set one value five levels deep, produce the saved image.</summary>
    [Benchmark]
    public int SetOneValueAndProduceTheImage()
    {
        var editor = HiveEditor.Load(_hive);
        editor.SetValue(@"ControlSet001\Control\Terminal Server\RCM\Licensing Core", RegistryValue.FromDWord("LicensingMode", 4));
        return editor.ToArray().Length;
    }

    /// <summary>Parse the whole hive's v5 .reg export (27 MB of UTF-16) and build its tree.</summary>
    [Benchmark]
    public int ParseTheWholeExport() => RegTextReader.Parse(_export).ToTree("HKEY_LOCAL_MACHINE\\SYSTEM").SubkeyCount;
}

using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using RdsCal.EventLog;

namespace RdsCal.Benchmarks;

/// <summary>
/// The .evtx reader on security.evtx (2 MiB, 2,261 records) and on a 100 MiB log made of its chunks repeated
/// (1,600 chunks, about 139,000 records).
/// Run: dotnet run -c Release --project bench/RdsCal.Benchmarks -- --filter '*EvtxReader*'
/// </summary>
[MemoryDiagnoser]
public class EvtxReaderBenchmarks
{
    private string _path = string.Empty;

    /// <summary>Named inputs.</summary>
    public enum Input
    {
        /// <summary>security.evtx from the shared test data.</summary>
        Security,
        /// <summary>100 MiB: security.evtx's header and its 26 chunks, repeated.</summary>
        Concatenated100MB,
    }

    [ParamsAllValues]
    public Input Log { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string dir = Directory.CreateTempSubdirectory("rdscal-bench-").FullName;
        _path = Path.Combine(dir, Log + ".evtx");
        byte[] security = Gunzip(Path.Combine(HiveReaderBenchmarks.FindTestData(), "real", "evtx", "security.evtx.gz"));
        if (Log == Input.Security)
        {
            File.WriteAllBytes(_path, security);
        }
        else
        {
            WriteConcatenated(security, _path, 1600);
        }
    }

    /// <summary>Every record with its System fields and EventData items (what `events` needs): the reader alone.</summary>
    [Benchmark]
    public long ReadFields()
    {
        long sum = 0;
        using var reader = EvtxReader.Open(_path);
        while (reader.ReadNext() is { } r)
        {
            sum += r.EventId ?? 0;
            sum += r.Data.Count;
        }
        return sum;
    }

    /// <summary>Every record rendered as XML, as `evtxexport -f xml` does.</summary>
    [Benchmark]
    public long ReadAsXml()
    {
        long chars = 0;
        using var reader = EvtxReader.Open(_path);
        while (reader.ReadNext() is { } r)
        {
            chars += r.ToXml().Length;
        }
        return chars;
    }

    /// <summary>A large log: a header, then the source's used chunks repeated to <paramref name="chunks"/> chunks.</summary>
    public static void WriteConcatenated(byte[] source, string path, int chunks)
    {
        const int header = 4096, chunk = 65536;
        int used = 0;
        while (header + ((used + 1) * chunk) <= source.Length && source.AsSpan(header + (used * chunk), 7).SequenceEqual("ElfChnk"u8))
        {
            used++;
        }
        using var fs = File.Create(path);
        fs.Write(source, 0, header);
        for (int i = 0; i < chunks; i++)
        {
            fs.Write(source, header + (i % used * chunk), chunk);
        }
    }

    private static byte[] Gunzip(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }
}

using BenchmarkDotNet.Running;
using RdsCal.Benchmarks;
using RdsCal.EventLog;

// Two plain modes for scripts/bench-events.sh, which times whole processes:
//   evtx-xml FILE                  every record of FILE as XML on stdout (what evtxexport -f xml does)
//   evtx-concat SOURCE TARGET N    a log of N chunks: SOURCE's header, then its used chunks repeated
switch (args)
{
    case ["evtx-xml", var file]:
        using (var reader = EvtxReader.Open(file))
        using (var output = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16))
        {
            while (reader.ReadNext() is { } record)
            {
                output.Write(record.ToXml());
            }
        }
        return;
    case ["evtx-concat", var source, var target, var chunks]:
        EvtxReaderBenchmarks.WriteConcatenated(File.ReadAllBytes(source), target, int.Parse(chunks, System.Globalization.CultureInfo.InvariantCulture));
        return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

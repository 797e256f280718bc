using System.Diagnostics;
using System.Globalization;
using RdsCal.EventLog;
using RdsCal.EventLog.Tests;
using RdsCal.Registry;
using RdsCal.Registry.RegText;
using RdsCal.Tests;

// Deterministic mutation fuzzer for the hive, .reg and .evtx readers, and for transaction-log replay.
// Usage: RdsCal.Fuzz COUNT SEED SEED-FILE...           (hives, .reg and .evtx files)
//        RdsCal.Fuzz logs COUNT SEED HIVE LOG...       (a dirty hive and its logs, one of them mutated)
// Every input must either read or fail with a RegistryFormatException (EvtxFormatException for .evtx); anything else (or an input taking
// over 2 s) is saved and reported.
if (args.Length >= 4 && args[0] == "logs")
{
    return FuzzLogs(long.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4..]);
}
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: RdsCal.Fuzz COUNT SEED SEED-FILE... | RdsCal.Fuzz logs COUNT SEED HIVE LOG...");
    return 2;
}
long count = long.Parse(args[0], CultureInfo.InvariantCulture);
int seed = int.Parse(args[1], CultureInfo.InvariantCulture);
var seeds = args.Skip(2).Select(File.ReadAllBytes).Select(Trim).ToArray();
var mutator = new Mutator(seed);
var pick = new Random(seed ^ 0x5EED);
string crashes = Path.Combine(Path.GetTempPath(), "rdscal-fuzz-crashes");
long rejected = 0, accepted = 0, failures = 0;
var clock = Stopwatch.StartNew();
var slowest = TimeSpan.Zero;
for (long i = 0; i < count; i++)
{
    byte[] input = mutator.Mutate(seeds[pick.Next(seeds.Length)]);
    var one = Stopwatch.StartNew();
    try
    {
        bool read = true;
        if (input.Length >= 4 && input[0] == (byte)'r')
        {
            HiveWalk.Everything(input);
        }
        else if (input.Length >= 4 && input[0] == (byte)'E')
        {
            // The event log reader reports its one typed failure as false, not as an exception.
            read = EvtxFuzzing.ReadEverything(input);
        }
        else
        {
            RegTextReader.Parse(input).ToTree();
        }
        _ = read ? accepted++ : rejected++;
    }
    catch (RegistryFormatException)
    {
        rejected++;
    }
    catch (Exception e)
    {
        failures++;
        Directory.CreateDirectory(crashes);
        string file = Path.Combine(crashes, $"crash-{seed}-{i}.bin");
        File.WriteAllBytes(file, input);
        Console.Error.WriteLine($"input {i}: {e.GetType().Name}: {e.Message} (saved {file})");
    }
    if (one.Elapsed > slowest)
    {
        slowest = one.Elapsed;
    }
    if (one.Elapsed > TimeSpan.FromSeconds(2))
    {
        failures++;
        Console.Error.WriteLine($"input {i}: took {one.Elapsed.TotalSeconds:F1} s");
    }
}
Console.WriteLine($"{count} inputs in {clock.Elapsed.TotalSeconds:F1} s: {accepted} read, {rejected} rejected with a format error, {failures} failures; slowest {slowest.TotalMilliseconds:F1} ms");
return failures == 0 ? 0 : 1;

// Hives are fuzzed without the padding Windows leaves after the bins, and event logs as their first three chunks,
// so mutations land in structure.
static byte[] Trim(byte[] b)
{
    if (b.Length > EvtxFileHeader.Size && b[0] == (byte)'E' && b[1] == (byte)'l')
    {
        return b[..Math.Min(b.Length, EvtxFileHeader.Size + (3 * EvtxReader.ChunkSize))];
    }
    if (b.Length > 48 && b[0] == (byte)'r' && b[1] == (byte)'e')
    {
        long size = 4096 + BitConverter.ToUInt32(b, 40);
        return size < b.Length ? b[..(int)size] : b;
    }
    return b;
}

static int FuzzLogs(long count, int seed, string hivePath, string[] logPaths)
{
    byte[] hive = File.ReadAllBytes(hivePath);
    var logs = logPaths.Select(p => new RdsCal.Registry.Hive.TransactionLogSource(p, File.ReadAllBytes(p))).ToArray();
    var mutator = new Mutator(seed);
    var pick = new Random(seed);
    long recovered = 0, rejected = 0, failures = 0;
    var clock = Stopwatch.StartNew();
    for (long i = 0; i < count; i++)
    {
        int target = pick.Next(logs.Length + 1);
        byte[] primary = target == logs.Length ? mutator.Mutate(hive) : hive;
        var inputs = logs.Select((l, j) => j == target ? l with { Data = mutator.Mutate(l.Data) } : l).ToArray();
        var one = Stopwatch.StartNew();
        try
        {
            using var h = RdsCal.Registry.Hive.HiveFile.Load(primary, inputs);
            HiveWalk.Everything(h.Bytes.ToArray());
            recovered += h.WasRecovered ? 1 : 0;
        }
        catch (RegistryFormatException)
        {
            rejected++;
        }
        catch (Exception e)
        {
            failures++;
            Console.Error.WriteLine($"input {i}: {e.GetType().Name}: {e.Message}");
        }
        if (one.Elapsed > TimeSpan.FromSeconds(2))
        {
            failures++;
            Console.Error.WriteLine($"input {i}: took {one.Elapsed.TotalSeconds:F1} s");
        }
    }
    Console.WriteLine($"{count} log inputs in {clock.Elapsed.TotalSeconds:F1} s: {recovered} recovered, {rejected} rejected with a format error, {failures} failures");
    return failures == 0 ? 0 : 1;
}

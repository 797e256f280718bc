using System.Diagnostics;
using System.Globalization;
using RdsCal.Registry;
using RdsCal.Registry.RegText;
using RdsCal.Tests;

// Deterministic mutation fuzzer for the hive and .reg readers.
// Usage: RdsCal.Fuzz COUNT SEED SEED-FILE... ; every input must either read or fail with a
// RegistryFormatException; anything else (or an input taking over 2 s) is saved and reported.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: RdsCal.Fuzz COUNT SEED SEED-FILE...");
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
        if (input.Length >= 4 && input[0] == (byte)'r')
        {
            HiveWalk.Everything(input);
        }
        else
        {
            RegTextReader.Parse(input).ToTree();
        }
        accepted++;
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

// Hives are fuzzed without the padding Windows leaves after the bins, so mutations land in structure.
static byte[] Trim(byte[] b)
{
    if (b.Length > 48 && b[0] == (byte)'r' && b[1] == (byte)'e')
    {
        long size = 4096 + BitConverter.ToUInt32(b, 40);
        return size < b.Length ? b[..(int)size] : b;
    }
    return b;
}

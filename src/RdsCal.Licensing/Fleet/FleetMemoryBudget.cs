using System.Buffers.Binary;
using RdsCal.Registry;

namespace RdsCal.Licensing.Fleet;

/// <summary>
/// The memory a fleet read may hold at once, counted in the bytes of the hosts' input files (a hive is held whole
/// while its host is read). Small hosts are read several at a time; a host that needs more than what is left waits
/// until the others are done, and one larger than the whole budget is read alone, so six gzipped 900 MB hives are
/// read one after another instead of side by side.
/// </summary>
internal sealed class FleetMemoryBudget(long limit)
{
    // An object, not a Lock: the waits need Monitor.Wait and PulseAll, which System.Threading.Lock has no counterpart for.
    private readonly object gate = new();
    private long inUse;

    /// <summary>The budget <see cref="FleetReader.Read(IEnumerable{FleetInput}, int)"/> uses unless told otherwise: 512 MiB of input.</summary>
    public const long DefaultBytes = 512L << 20;

    /// <summary>A host whose input is at least this large is collected after as soon as it is read.</summary>
    private const long CollectAfterBytes = 64L << 20;

    /// <summary>What is taken now (for tests).</summary>
    public long InUse
    {
        get
        {
            lock (gate)
            {
                return inUse;
            }
        }
    }

    /// <summary>Waits until <paramref name="bytes"/> fit (or nothing else is held), takes them, and gives them back when disposed.</summary>
    public Lease Take(long bytes)
    {
        bytes = Math.Clamp(bytes, 0, limit);
        lock (gate)
        {
            while (inUse > 0 && inUse + bytes > limit)
            {
                Monitor.Wait(gate);
            }
            inUse += bytes;
        }
        return new Lease(this, bytes);
    }

    private void Give(long bytes)
    {
        if (bytes >= CollectAfterBytes)
        {
            // A large host's buffers are garbage now; on a machine with memory to spare the GC would rather grow the
            // heap than collect, and six 900 MB hives read one after another then still peak at six times one.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
        lock (gate)
        {
            inUse -= bytes;
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>
    /// What reading a host will hold, from its files' sizes without reading them: a gzipped file counts the size its
    /// gzip trailer declares (ISIZE, the length modulo 4 GiB; a bomb may lie, and is then stopped by the input
    /// check's own cap), never less than its compressed size and never more than that cap.
    /// </summary>
    public static long CostOf(FleetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return input.Kind switch
            {
                FleetInputKind.MachineFolder => new DirectoryInfo(input.Path).EnumerateFiles().Sum(CostOf),
                FleetInputKind.StatusJson => CostOf(new FileInfo(input.Path)),
                _ => 0,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RegistryFormatException)
        {
            // The read itself reports what is wrong with the host; the estimate only orders the reads.
            return 0;
        }
    }

    private static long CostOf(FileInfo file)
    {
        long length = file.Length;
        if (!file.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || length < 18)
        {
            return length;
        }
        Span<byte> trailer = stackalloc byte[4];
        // Through the input check: a FIFO named SYSTEM.gz must not block the estimate.
        using (var fs = RegistryInput.OpenRead(file.FullName))
        {
            fs.Position = length - 4;
            fs.ReadExactly(trailer);
        }
        long declared = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        return Math.Clamp(declared, length, RegistryInput.MaxDecompressedBytes);
    }

    /// <summary>Bytes taken from the budget until disposed.</summary>
    internal readonly struct Lease(FleetMemoryBudget budget, long bytes) : IDisposable
    {
        public void Dispose() => budget.Give(bytes);
    }
}

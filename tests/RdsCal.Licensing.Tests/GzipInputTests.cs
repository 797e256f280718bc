using System.Buffers.Binary;
using System.IO.Compression;
using RdsCal.Licensing.Sources;
using RdsCal.Registry;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests;

public class GzipInputTests
{
    /// <summary>A gzip file of <paramref name="head"/> then <paramref name="zeroMiB"/> MiB of zeros.</summary>
    private static string Bomb(TempFolder dir, ReadOnlySpan<byte> head, int zeroMiB)
    {
        string bomb = dir.File("SYSTEM.gz");
        using var gz = new GZipStream(File.Create(bomb), CompressionLevel.Fastest);
        gz.Write(head);
        byte[] zeros = new byte[1 << 20];
        for (int i = 0; i < zeroMiB; i++)
        {
            gz.Write(zeros);
        }
        return bomb;
    }

    /// <summary>A base block that passes the header checks and declares <paramref name="bins"/> bytes of hive bins.</summary>
    private static byte[] HiveHeader(uint bins)
    {
        byte[] b = new byte[4096];
        "regf"u8.CopyTo(b);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(24), 5);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(36), 0x20);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(40), bins);
        uint sum = 0;
        for (int i = 0; i < 508; i += 4)
        {
            sum ^= BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(i));
        }
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(508), sum);
        return b;
    }

    [Fact]
    public void A_gzip_of_a_hive_header_and_256_MiB_of_zeros_is_refused_soon_after_what_the_header_declares()
    {
        // Was: decompressed up to the 1 GiB cap into a growing MemoryStream, 2.1 GB resident at the refusal.
        using var dir = new TempFolder();
        string bomb = Bomb(dir, HiveHeader(8192), 256);
        var (e, allocated) = Bounded.Run("hive gzip bomb", TimeSpan.FromSeconds(60), () =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var refused = Assert.Throws<UnrecognizedInputException>(() => RegistrySource.Open(bomb, "SYSTEM"));
            return (refused, GC.GetAllocatedBytesForCurrentThread() - before);
        });
        Assert.Equal("the gzip data runs on more than 16,777,216 bytes past the 12,288 bytes its hive header declares: refused as a decompression bomb", e.Reason);
        Assert.InRange(allocated, 0, RegistryInput.HiveTrailingAllowance + (8 << 20));
    }

    [Fact]
    public void A_gzip_of_zeros_is_refused_after_its_first_block_as_no_format_rdscal_reads()
    {
        using var dir = new TempFolder();
        string bomb = Bomb(dir, [], 256);
        var (e, allocated) = Bounded.Run("gzip of zeros", TimeSpan.FromSeconds(60), () =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var refused = Assert.Throws<UnrecognizedInputException>(() => RegistrySource.Open(bomb, "SYSTEM"));
            return (refused, GC.GetAllocatedBytesForCurrentThread() - before);
        });
        Assert.Equal("not a registry hive (regf) or a .reg export (no 'regf' signature or regedit header)", e.Reason);
        Assert.InRange(allocated, 0, 1 << 20);
    }

    [Fact]
    public void A_gzipped_hive_that_declares_more_than_the_cap_is_refused_at_the_cap()
    {
        using var dir = new TempFolder();
        string bomb = Bomb(dir, HiveHeader(1u << 30), 64);
        var e = Bounded.Run("gzip bomb", TimeSpan.FromSeconds(60), () => Assert.Throws<UnrecognizedInputException>(() => RegistrySource.Open(bomb, "SYSTEM", 16 << 20)));
        Assert.Equal("the gzip data expands past 16,777,216 bytes, more than any real hive: refused as a decompression bomb", e.Reason);
    }

    [TestDataFact]
    public void A_gzipped_hive_under_the_cap_opens()
    {
        using var source = RegistrySource.Open(TestData.Real("regipy", "SYSTEM.gz"), "SYSTEM");
        Assert.NotNull(source.Root.Open("Select"));
    }
}

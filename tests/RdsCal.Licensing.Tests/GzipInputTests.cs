using System.IO.Compression;
using RdsCal.Licensing.Sources;
using RdsCal.Registry;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests;

public class GzipInputTests
{
    [Fact]
    public void A_gzip_that_expands_past_the_cap_is_refused_as_a_bomb()
    {
        using var dir = new TempFolder();
        string bomb = dir.File("SYSTEM.gz");
        using (var gz = new GZipStream(File.Create(bomb), CompressionLevel.Fastest))
        {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++)
            {
                gz.Write(zeros);
            }
        }
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

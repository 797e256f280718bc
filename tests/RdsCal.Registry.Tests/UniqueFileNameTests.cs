namespace RdsCal.Registry.Tests;

public class UniqueFileNameTests
{
    [Fact]
    public void Never_names_an_existing_file()
    {
        string dir = Directory.CreateTempSubdirectory("rdscal-names-").FullName;
        string first = Path.Combine(dir, "change.reg");
        Assert.Equal(first, UniqueFileName.For(first));
        File.WriteAllText(first, "x");
        string second = UniqueFileName.For(first);
        Assert.Equal(Path.Combine(dir, "change-2.reg"), second);
        File.WriteAllText(second, "x");
        Assert.Equal(Path.Combine(dir, "change-3.reg"), UniqueFileName.For(first));
    }
}

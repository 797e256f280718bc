namespace RdsCal.Tests;

/// <summary>A temporary folder that a test deletes when it is done with it (<c>using var temp = new TempFolder();</c>).</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "rdscal-test-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

namespace RdsCal.Tests;

/// <summary>A temporary folder that a test deletes when it is done with it (<c>using var temp = new TempFolder();</c>).</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "rdscal-test-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A copy of a test file (gunzipped), writable, in this folder.</summary>
    public string Copy(string source, string? name = null)
    {
        string target = File(name ?? System.IO.Path.GetFileName(source).Replace(".gz", string.Empty, StringComparison.Ordinal));
        System.IO.File.WriteAllBytes(target, TestData.Bytes(source));
        return target;
    }

    /// <summary>Makes a named pipe (Linux and macOS).</summary>
    public string Fifo(string name)
    {
        string path = File(name);
        using var p = System.Diagnostics.Process.Start("mkfifo", [path]);
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

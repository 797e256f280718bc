namespace RdsCal.Tests;

/// <summary>
/// A temporary folder that a test deletes when it is done with it (<c>using var temp = new TempFolder();</c>), under
/// the test run's own root (<see cref="TestTempRoot"/>), which removes whatever a failed deletion leaves.
/// </summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "rdscal-test-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    /// <summary>A path in this folder (nothing is created).</summary>
    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>A folder in this folder, created.</summary>
    public string Folder(params string[] parts) => Directory.CreateDirectory(File(parts)).FullName;

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
        if (!Directory.Exists(Path))
        {
            return;
        }
        try
        {
            foreach (var d in new DirectoryInfo(Path).EnumerateDirectories("*", SearchOption.AllDirectories))
            {
                // A test may have made a folder unreadable or read-only; make it deletable again.
                d.Attributes = FileAttributes.Normal;
                if (!OperatingSystem.IsWindows())
                {
                    System.IO.File.SetUnixFileMode(d.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left to the test run's root, which is removed when the run ends.
        }
    }
}

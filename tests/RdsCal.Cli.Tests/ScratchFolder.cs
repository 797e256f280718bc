namespace RdsCal.Cli.Tests;

/// <summary>A fresh temporary folder that the test deletes when it disposes it.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder(string prefix = "rdscal-test-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string Sub(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string Folder(params string[] parts) => Directory.CreateDirectory(Sub(parts)).FullName;

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            foreach (var d in new DirectoryInfo(Path).EnumerateDirectories("*", SearchOption.AllDirectories))
            {
                // A test may have made a folder unreadable; make it deletable again.
                d.Attributes = FileAttributes.Normal;
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(d.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
            Directory.Delete(Path, recursive: true);
        }
    }
}

using System.Text;

namespace RdsCal.Licensing.Fleet;

/// <summary>
/// Text written host by host to a temporary file that deletes itself, then copied into the final
/// output once the summary that goes before it is known: report memory stays flat in the number of hosts.
/// </summary>
internal sealed class Spool : IDisposable
{
    private readonly FileStream _file;

    public Spool()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rdscal-spool-{Guid.NewGuid():N}.tmp");
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        Writer = new StreamWriter(_file, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    }

    public StreamWriter Writer { get; }

    public Stream Stream => _file;

    /// <summary>Copies everything written so far to <paramref name="output"/>.</summary>
    public void CopyTo(Stream output)
    {
        Writer.Flush();
        _file.Position = 0;
        _file.CopyTo(output);
    }

    /// <summary>Copies everything written so far to <paramref name="output"/> as text, a block at a time.</summary>
    public void CopyTo(TextWriter output)
    {
        Writer.Flush();
        _file.Position = 0;
        using var reader = new StreamReader(_file, Encoding.UTF8, false, 1 << 16, leaveOpen: true);
        var buffer = new char[1 << 15];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, n);
        }
    }

    public void Dispose()
    {
        Writer.Dispose();
        _file.Dispose();
    }
}

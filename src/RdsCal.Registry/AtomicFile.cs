namespace RdsCal.Registry;

/// <summary>How a writer may treat the file it is told to write.</summary>
public sealed record OutputOptions
{
    /// <summary>Only new files (and devices or pipes, which are written, never replaced).</summary>
    public static OutputOptions NewFileOnly { get; } = new();

    /// <summary>An existing regular file may be replaced (the user asked for it).</summary>
    public bool ReplaceExisting { get; init; }

    /// <summary>The command's input files: never written, even when <see cref="ReplaceExisting"/> is set.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];
}

/// <summary>
/// Writes a file all at once. A regular file is written as a temporary file beside it, flushed to disk (with the
/// flush's errors checked), renamed into place and its folder flushed, so a crash leaves the old or the new file.
/// A symbolic link is followed: the file it points to is written and the link stays. A device or pipe is written
/// directly, never renamed over. An existing regular file is replaced only when asked, and an input never.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes through <paramref name="write"/> to <paramref name="path"/> by the rules above.</summary>
    /// <exception cref="OutputRefusedException">The target exists and may not be replaced, is an input, or is a folder; nothing was written.</exception>
    /// <exception cref="IOException">Writing or flushing failed; the target is unchanged (regular files).</exception>
    public static void Write(string path, Action<Stream> write, OutputOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        options ??= OutputOptions.NewFileOnly;
        string target = FileNode.RealPath(path);
        var kind = FileNode.KindOf(target);
        if (kind != FileNodeKind.Missing && options.Inputs.Any(input => FileNode.SameFile(target, input)))
        {
            throw new OutputRefusedException(path, OutputRefusal.IsInput);
        }
        switch (kind)
        {
            case FileNodeKind.Directory:
                throw new OutputRefusedException(path, OutputRefusal.IsFolder);
            case FileNodeKind.Regular when !options.ReplaceExisting:
                throw new OutputRefusedException(path, OutputRefusal.Exists);
            case FileNodeKind.Fifo or FileNodeKind.CharacterDevice or FileNodeKind.BlockDevice or FileNodeKind.Socket:
                WriteInPlace(target, write);
                return;
            default:
                Replace(path, target, kind == FileNodeKind.Regular, write);
                return;
        }
    }

    /// <summary>A device or pipe: renaming over it would replace the node itself (as root, /dev/null).</summary>
    private static void WriteInPlace(string target, Action<Stream> write)
    {
        using var fs = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
        write(fs);
        fs.Flush();
    }

    private static void Replace(string path, string target, bool exists, Action<Stream> write)
    {
        string dir = Path.GetDirectoryName(target) ?? ".";
        // A random part keeps a temporary file left by a killed run (same process id, later) from blocking this one.
        string temp = Path.Combine(dir, $".{Path.GetFileName(target)}.rdscal-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                FileNode.FlushToDisk(fs, target);
            }
            if (exists && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
            }
            try
            {
                // Without permission to replace, the move itself refuses an existing file, closing the gap
                // between the check above and this rename.
                File.Move(temp, target, overwrite: exists);
            }
            catch (IOException) when (!exists && File.Exists(target))
            {
                throw new OutputRefusedException(path, OutputRefusal.Exists);
            }
            FileNode.FlushFolder(dir);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}

/// <summary>Why an output file was not written.</summary>
public enum OutputRefusal
{
    /// <summary>A regular file is there and replacing it was not asked for.</summary>
    Exists,
    /// <summary>It is one of the command's inputs.</summary>
    IsInput,
    /// <summary>It is a folder.</summary>
    IsFolder,
}

/// <summary>An output file was not written because it would replace what must not be replaced.</summary>
public sealed class OutputRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OutputRefusedException(string path, OutputRefusal reason)
        : base($"{path}: {Describe(reason)}")
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>Required by analyzers.</summary>
    public OutputRefusedException()
        : this(string.Empty, OutputRefusal.Exists)
    {
    }

    /// <summary>Required by analyzers.</summary>
    public OutputRefusedException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    /// <summary>Required by analyzers.</summary>
    public OutputRefusedException(string message, Exception inner)
        : base(message, inner)
    {
        Path = string.Empty;
    }

    /// <summary>The output path as given.</summary>
    public string Path { get; }

    /// <summary>Why it was refused.</summary>
    public OutputRefusal Reason { get; }

    private static string Describe(OutputRefusal reason) => reason switch
    {
        OutputRefusal.IsInput => "is an input of this command and is never overwritten",
        OutputRefusal.IsFolder => "is a folder, not a file",
        _ => "a file is already there and replacing it was not asked for",
    };
}

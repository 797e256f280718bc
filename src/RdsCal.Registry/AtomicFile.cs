namespace RdsCal.Registry;

/// <summary>
/// Writes a file all at once. A regular file is written as a temporary file beside it, flushed to disk (with the
/// flush's errors checked), renamed into place and its folder flushed, so a crash leaves the old or the new file.
/// A symbolic link is followed: the file it points to is written and the link stays. A device or pipe is written
/// directly, never renamed over. An existing regular file is replaced only when asked, and an input never.
/// </summary>
internal static class AtomicFile
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
            if (exists)
            {
                FileNode.KeepOwnership(target, temp);
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

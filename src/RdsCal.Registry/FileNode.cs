using System.Runtime.InteropServices;

namespace RdsCal.Registry;

/// <summary>What a path names on disk, after following symbolic links.</summary>
internal enum FileNodeKind
{
    /// <summary>Nothing is there (or a symbolic link points nowhere).</summary>
    Missing,
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A folder.</summary>
    Directory,
    /// <summary>A named pipe: reading it waits for a writer.</summary>
    Fifo,
    /// <summary>A character device such as <c>/dev/null</c> or a terminal.</summary>
    CharacterDevice,
    /// <summary>A block device.</summary>
    BlockDevice,
    /// <summary>A socket.</summary>
    Socket,
}

/// <summary>
/// The file-system facts .NET does not expose: the kind of node a path names (so devices and pipes are never
/// renamed over or read as files), the real path behind symbolic links, and durable flushes whose errors are
/// reported rather than swallowed.
/// </summary>
internal static partial class FileNode
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeTypeMask = 0xF000;

    /// <summary>The kind of node <paramref name="path"/> names, following symbolic links.</summary>
    public static FileNodeKind KindOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsLinux() && TryStatxMode(path, out int mode) is { } found)
        {
            return found ? KindOfMode(mode) : FileNodeKind.Missing;
        }
        // Elsewhere .NET's own view: a folder, a file, or nothing (devices are not told apart there).
        if (Directory.Exists(path))
        {
            return FileNodeKind.Directory;
        }
        return File.Exists(path) ? FileNodeKind.Regular : FileNodeKind.Missing;
    }

    /// <summary>
    /// The file a write through <paramref name="path"/> reaches: when the path is a symbolic link (or a chain of
    /// them), its final target, which need not exist yet; otherwise the full path itself.
    /// </summary>
    public static string RealPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string current = Path.GetFullPath(path);
        // A loop of links ends at the bound; opening the path then fails with the system's own error.
        for (int hops = 0; hops < 40; hops++)
        {
            if (new FileInfo(current).LinkTarget is not { } target)
            {
                break;
            }
            string dir = Path.GetDirectoryName(current) ?? ".";
            current = Path.GetFullPath(Path.Combine(dir, target));
        }
        return current;
    }

    /// <summary>True when both paths reach the same file (after links; by device and inode on Linux).</summary>
    public static bool SameFile(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (OperatingSystem.IsLinux() && TryStatxIdentity(a, out var ida) && TryStatxIdentity(b, out var idb))
        {
            return ida == idb;
        }
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(RealPath(a), RealPath(b), comparison);
    }

    /// <summary>
    /// Another handle refuses an exclusive open: on Unix .NET's flock fails with EWOULDBLOCK (11), on Windows the
    /// open fails with a sharing or lock violation. Only this passes by waiting; any other error is itself.
    /// </summary>
    public static bool IsSharingViolation(IOException e) =>
        OperatingSystem.IsWindows()
            ? e.HResult is unchecked((int)0x80070020) or unchecked((int)0x80070021)
            : e.HResult == 11;

    /// <summary>Flushes a written file to stable storage; a failure (EIO, ENOSPC) throws instead of passing unseen.</summary>
    /// <exception cref="WriteFailedException">The data could not be made durable.</exception>
    public static void FlushToDisk(FileStream stream, string path)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Flush(flushToDisk: false);
        if (OperatingSystem.IsWindows())
        {
            // FlushFileBuffers' failure surfaces as an exception here.
            RandomAccess.FlushToDisk(stream.SafeFileHandle);
            return;
        }
        // .NET's Flush(true) and RandomAccess.FlushToDisk both ignore fsync's result on Unix (an injected EIO
        // passes unseen), so fsync is called directly and its result checked.
        bool added = false;
        var handle = stream.SafeFileHandle;
        handle.DangerousAddRef(ref added);
        try
        {
            if (Fsync((int)handle.DangerousGetHandle()) != 0)
            {
                int error = Marshal.GetLastPInvokeError();
                throw new WriteFailedException($"{path}: the data could not be flushed to disk ({Marshal.GetPInvokeErrorMessage(error)})");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Flushes a folder's entries to stable storage, so a rename into it survives a power cut. Does nothing
    /// where folders cannot be opened (Windows makes renames durable by itself).
    /// </summary>
    /// <exception cref="WriteFailedException">The folder could not be flushed.</exception>
    public static void FlushFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        int fd = Open(folder, 0);
        if (fd < 0)
        {
            int openError = Marshal.GetLastPInvokeError();
            throw new IOException($"{folder}: the folder could not be opened to flush it ({Marshal.GetPInvokeErrorMessage(openError)})");
        }
        try
        {
            if (Fsync(fd) != 0)
            {
                int error = Marshal.GetLastPInvokeError();
                // Some file systems cannot sync a folder (EINVAL, EOPNOTSUPP): their renames are as durable as they get.
                if (error is not (22 or 95))
                {
                    throw new WriteFailedException($"{folder}: the folder could not be flushed to disk ({Marshal.GetPInvokeErrorMessage(error)})");
                }
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>
    /// Gives a new file that will replace <paramref name="target"/> the target's owner, group and permission bits,
    /// so that a rename never turns a 0600 hive owned by another user into a 0644 one owned by whoever ran rdscal
    /// (a SAM or SECURITY hive made world-readable). Owner first: chown clears set-id bits, the mode then restores
    /// them. Does nothing on Windows, where the new file inherits the folder's ACL as the old one did.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">This user cannot give the new file the target's owner or group; nothing was changed.</exception>
    public static void KeepOwnership(string target, string replacement)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(replacement);
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var mode = File.GetUnixFileMode(target);
        if (OperatingSystem.IsLinux() && TryStatxOwner(target, out uint uid, out uint gid) && Chown(replacement, uid, gid) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            throw new UnauthorizedAccessException($"{target}: its owner (uid {uid}) and group (gid {gid}) cannot be kept by this user ({Marshal.GetPInvokeErrorMessage(error)}), and replacing it would change who owns it; nothing was changed: run rdscal as its owner or as root");
        }
        File.SetUnixFileMode(replacement, mode);
    }

    /// <summary>How many names (hard links) the file has, or null where that cannot be asked (off Linux).</summary>
    public static int? LinkCount(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        // STATX_NLINK.
        return StatxRecord(path, 0x4) is { } record ? (int)BitConverter.ToUInt32(record, 16) : null;
    }

    private static bool TryStatxOwner(string path, out uint uid, out uint gid)
    {
        // STATX_UID | STATX_GID.
        var record = StatxRecord(path, 0x18);
        uid = record is null ? 0 : BitConverter.ToUInt32(record, 20);
        gid = record is null ? 0 : BitConverter.ToUInt32(record, 24);
        return record is not null;
    }

    /// <summary>The statx record of <paramref name="path"/> with the fields <paramref name="mask"/> asks for, or null when statx failed or is missing.</summary>
    private static byte[]? StatxRecord(string path, uint mask)
    {
        var buffer = new byte[256];
        try
        {
            return Statx(AtFdCwd, path, 0, mask, buffer) == 0 ? buffer : null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
    }

    private static FileNodeKind KindOfMode(int mode) => (mode & ModeTypeMask) switch
    {
        0x8000 => FileNodeKind.Regular,
        0x4000 => FileNodeKind.Directory,
        0x1000 => FileNodeKind.Fifo,
        0x2000 => FileNodeKind.CharacterDevice,
        0x6000 => FileNodeKind.BlockDevice,
        0xC000 => FileNodeKind.Socket,
        _ => FileNodeKind.Regular,
    };

    /// <summary>True/false when statx answered (exists or not); null when statx is unavailable.</summary>
    private static bool? TryStatxMode(string path, out int mode)
    {
        mode = 0;
        var buffer = new byte[256];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
            {
                int error = Marshal.GetLastPInvokeError();
                // ENOENT, ENOTDIR, ELOOP: nothing usable is there. Anything else: let .NET decide.
                return error is 2 or 20 or 40 ? false : null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        mode = BitConverter.ToUInt16(buffer, 28);
        return true;
    }

    private static bool TryStatxIdentity(string path, out (ulong Inode, uint Major, uint Minor) id)
    {
        // STATX_INO; the device numbers are always filled in.
        var record = StatxRecord(path, 0x100);
        id = record is null ? default : (BitConverter.ToUInt64(record, 32), BitConverter.ToUInt32(record, 136), BitConverter.ToUInt32(record, 140));
        return record is not null;
    }

    // struct statx has one layout on every Linux architecture (unlike struct stat), so a byte buffer is read
    // at its documented offsets: stx_nlink at 16, stx_uid at 20, stx_gid at 24, stx_mode at 28, stx_ino at 32, stx_dev_major/minor at 136/140.
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}

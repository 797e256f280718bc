using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RdsCal.Registry.Hive;

/// <summary>
/// fsync with its result checked, for files and for the folder that holds a renamed file. <c>FileStream.Flush(true)</c>
/// is not enough: an fsync error injected under it went unreported and the save was announced. On Windows the
/// folder needs no flush (NTFS journals the rename) and <c>FlushFileBuffers</c> is called through FileStream.
/// </summary>
internal static partial class DiskFlush
{
    /// <summary>Flushes an open file to disk; throws <see cref="IOException"/> naming <paramref name="path"/> when the OS reports an error.</summary>
    public static void File(FileStream stream, string path)
    {
        stream.Flush(flushToDisk: OperatingSystem.IsWindows());
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        Sync(stream.SafeFileHandle, path);
    }

    /// <summary>Flushes a folder's entries (a rename in it) to disk.</summary>
    public static void Folder(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        int fd = Open(directory, 0);
        if (fd < 0)
        {
            throw new IOException($"{directory}: cannot open the folder to flush it ({Marshal.GetLastPInvokeErrorMessage()})");
        }
        try
        {
            if (FSync(fd) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                // Some file systems cannot sync a folder; that is no failure of the write.
                if (errno is not (22 or 95))
                {
                    throw new IOException($"{directory}: flushing the folder to disk failed ({Marshal.GetPInvokeErrorMessage(errno)})");
                }
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private static void Sync(SafeFileHandle handle, string path)
    {
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (FSync((int)handle.DangerousGetHandle()) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno is not (22 or 95))
                {
                    throw new IOException($"{path}: flushing to disk failed ({Marshal.GetPInvokeErrorMessage(errno)})");
                }
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

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}

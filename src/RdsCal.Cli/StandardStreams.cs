using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RdsCal.Cli;

/// <summary>
/// Standard streams as the caller left them. A stream closed before rdscal started (<c>&gt;&amp;-</c>, <c>2&gt;&amp;-</c>)
/// leaves its descriptor free, and the next file opened takes its number: the .NET runtime's own internal pipe
/// does (strace shows it polling descriptor 1), and after it a hive, a staged file or the journal could, then
/// receiving text meant for the console. Every descriptor a shell passes on lacks FD_CLOEXEC (it would not have
/// survived the exec otherwise), so one that is closed or carries that flag was not given to rdscal: it is never
/// written to, and a free one is held on /dev/null so that no file rdscal opens can take it.
/// </summary>
internal static partial class StandardStreams
{
    private const int GetDescriptorFlags = 1;
    private const int CloseOnExec = 1;
    private const int BadDescriptor = 9;
    private const int ReadWrite = 2;
    private const int StandardOutputHandle = -11;
    private const uint FileTypePipe = 3;

    /// <summary>
    /// Holds every free descriptor of 0, 1 and 2 on /dev/null and says which of standard output and error the
    /// caller closed. Nothing is closed on Windows, whose handles are not reused by number.
    /// </summary>
    public static (bool Output, bool Error) FindClosed()
    {
        if (OperatingSystem.IsWindows())
        {
            return (false, false);
        }
        bool output = false, error = false;
        for (int fd = 0; fd <= 2; fd++)
        {
            int flags = Fcntl(fd, GetDescriptorFlags);
            bool free = flags < 0 && Marshal.GetLastPInvokeError() == BadDescriptor;
            if (!free && (flags < 0 || (flags & CloseOnExec) == 0))
            {
                continue;
            }
            output |= fd == 1;
            error |= fd == 2;
            if (free)
            {
                int devNull = Open("/dev/null", ReadWrite);
                if (devNull >= 0 && devNull != fd)
                {
                    _ = Dup2(devNull, fd);
                    _ = Close(devNull);
                }
            }
        }
        return (output, error);
    }

    /// <summary>
    /// Standard output as a stream that reports every failed write. On Unix a pipe or terminal is written through
    /// its descriptor: the console stream treats EPIPE as success, so <c>rdscal export | head</c> would end 0 with
    /// its output cut. A file stays with the console stream, which writes at the shared file offset (a FileStream
    /// would write at its own, over what a later command in the same redirection appends). On Windows the console
    /// stream likewise drops ERROR_NO_DATA and ERROR_BROKEN_PIPE, so a pipe is written through its handle there too.
    /// </summary>
    public static Stream OpenOutput()
    {
        if (OperatingSystem.IsWindows())
        {
            nint handle = GetStdHandle(StandardOutputHandle);
            if (handle != 0 && handle != -1 && GetFileType(handle) == FileTypePipe)
            {
                return new FileStream(new SafeFileHandle(handle, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            }
        }
        else
        {
            var direct = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            if (!direct.CanSeek)
            {
                return direct;
            }
            direct.Dispose();
        }
        return Console.OpenStandardOutput();
    }

    [LibraryImport("kernel32.dll", EntryPoint = "GetStdHandle")]
    private static partial nint GetStdHandle(int which);

    [LibraryImport("kernel32.dll", EntryPoint = "GetFileType")]
    private static partial uint GetFileType(nint handle);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int from, int to);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}

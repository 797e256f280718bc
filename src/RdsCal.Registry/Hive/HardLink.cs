using System.Runtime.InteropServices;

namespace RdsCal.Registry.Hive;

/// <summary>
/// Keeps a backup of a file by hard-linking it under another name: no bytes are copied, and once the new
/// version is renamed over the original, the link is the untouched old file.
/// </summary>
internal static partial class HardLink
{
    /// <summary>True when the link was made; false when the file system cannot (the caller then copies).</summary>
    public static bool TryCreate(string existing, string link)
    {
        try
        {
            return OperatingSystem.IsWindows() ? CreateHardLinkW(link, existing, IntPtr.Zero) : UnixLink(existing, link) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnixLink(string existing, string link);

    [LibraryImport("kernel32.dll", EntryPoint = "CreateHardLinkW", StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CreateHardLinkW(string link, string existing, IntPtr securityAttributes);
}

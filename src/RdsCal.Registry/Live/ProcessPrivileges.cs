using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace RdsCal.Registry.Live;

/// <summary>The current process token: elevation (TokenElevation) and privileges (they exist for administrators but start disabled).</summary>
[SupportedOSPlatform("windows")]
public sealed partial class ProcessPrivileges : IProcessPrivileges
{
    private const uint TokenAdjustPrivileges = 0x20;
    private const uint TokenQuery = 0x8;
    private const uint SePrivilegeEnabled = 0x2;
    private const int TokenElevationClass = 20;

    /// <inheritdoc />
    public bool IsElevated
    {
        get
        {
            if (!OpenProcessToken(GetCurrentProcess(), TokenQuery, out IntPtr token))
            {
                return false;
            }
            try
            {
                return GetTokenInformation(token, TokenElevationClass, out int elevated, sizeof(int), out _) && elevated != 0;
            }
            finally
            {
                CloseHandle(token);
            }
        }
    }

    /// <inheritdoc />
    public bool TryEnable(IReadOnlyList<string> names, out string? failed)
    {
        ArgumentNullException.ThrowIfNull(names);
        failed = names.Count > 0 ? names[0] : null;
        if (!OpenProcessToken(GetCurrentProcess(), TokenAdjustPrivileges | TokenQuery, out IntPtr token))
        {
            return false;
        }
        try
        {
            foreach (string name in names)
            {
                failed = name;
                if (!LookupPrivilegeValueW(null, name, out long luid))
                {
                    return false;
                }
                var tp = new TokenPrivileges { Count = 1, Luid = luid, Attributes = SePrivilegeEnabled };
                // AdjustTokenPrivileges succeeds with ERROR_NOT_ALL_ASSIGNED when the token lacks the privilege.
                if (!AdjustTokenPrivileges(token, false, ref tp, 0, IntPtr.Zero, IntPtr.Zero) || Marshal.GetLastPInvokeError() != 0)
                {
                    return false;
                }
            }
            failed = null;
            return true;
        }
        finally
        {
            CloseHandle(token);
        }
    }

    /// <summary>True when every named privilege could be enabled.</summary>
    internal static bool Enable(params string[] names) => new ProcessPrivileges().TryEnable(names, out _);

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct TokenPrivileges
    {
        public int Count;
        public long Luid;
        public uint Attributes;
    }

    [LibraryImport("kernel32.dll")]
    private static partial IntPtr GetCurrentProcess();

    [LibraryImport("kernel32.dll")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CloseHandle(IntPtr handle);

    [LibraryImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool OpenProcessToken(IntPtr process, uint access, out IntPtr token);

    [LibraryImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetTokenInformation(IntPtr token, int informationClass, out int information, int length, out int returnLength);

    [LibraryImport("advapi32.dll", EntryPoint = "LookupPrivilegeValueW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool LookupPrivilegeValueW(string? system, string name, out long luid);

    [LibraryImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool AdjustTokenPrivileges(IntPtr token, [MarshalAs(UnmanagedType.Bool)] bool disableAll, ref TokenPrivileges state, uint length, IntPtr previous, IntPtr returnLength);
}

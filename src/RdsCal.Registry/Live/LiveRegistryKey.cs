using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security;
using Microsoft.Win32.SafeHandles;
using Win32Key = Microsoft.Win32.RegistryKey;

namespace RdsCal.Registry.Live;

/// <summary>
/// A key of the running Windows registry, read-only, mapped onto the same model as hives. Values are read
/// with RegQueryValueEx so their bytes arrive exactly as stored (Microsoft.Win32 would convert them).
/// </summary>
[SupportedOSPlatform("windows")]
public sealed partial class LiveRegistryKey : RegistryKey, IDisposable
{
    private readonly Win32Key _key;

    /// <summary>Wraps an open key (taking ownership of it).</summary>
    public LiveRegistryKey(Win32Key key, string name)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        Name = name;
    }

    /// <summary>HKEY_LOCAL_MACHINE\<paramref name="hive"/> (SYSTEM or SOFTWARE), opened read-only.</summary>
    public static LiveRegistryKey OpenLocalMachine(string hive)
    {
        var key = Microsoft.Win32.Registry.LocalMachine.OpenSubKey(hive, writable: false)
            ?? throw new IOException($"HKLM\\{hive} cannot be opened");
        return new LiveRegistryKey(key, string.Empty);
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override int SubkeyCount => _key.SubKeyCount;

    /// <inheritdoc />
    public override int ValueCount => _key.ValueCount;

    /// <inheritdoc />
    public override DateTimeOffset? LastWriteTime =>
        RegQueryInfoKeyW(_key.Handle, null, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, out long ft) == 0
            ? FileTimes.ToDate(ft)
            : null;

    /// <inheritdoc />
    public override IEnumerable<RegistryKey> EnumerateSubkeys()
    {
        foreach (string name in _key.GetSubKeyNames())
        {
            if (OpenSubkey(name) is { } child)
            {
                yield return child;
            }
        }
    }

    /// <inheritdoc />
    public override RegistryKey? OpenSubkey(string name)
    {
        try
        {
            var child = _key.OpenSubKey(name, writable: false);
            return child is null ? null : new LiveRegistryKey(child, name);
        }
        catch (SecurityException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public override IEnumerable<RegistryValue> EnumerateValues()
    {
        foreach (string name in _key.GetValueNames())
        {
            if (GetValue(name) is { } v)
            {
                yield return v;
            }
        }
    }

    /// <inheritdoc />
    public override RegistryValue? GetValue(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        uint size = 0;
        int rc = RegQueryValueExW(_key.Handle, name, IntPtr.Zero, out uint type, null, ref size);
        if (rc == 2)
        {
            return null;
        }
        for (int attempt = 0; attempt < 4; attempt++)
        {
            var data = new byte[size];
            rc = RegQueryValueExW(_key.Handle, name, IntPtr.Zero, out type, data, ref size);
            if (rc == 0)
            {
                return RegistryValue.Adopt(name, (RegistryValueKind)type, size == data.Length ? data : data[..(int)size]);
            }
            if (rc != 234)
            {
                break;
            }
        }
        throw new IOException($"reading value '{name}' failed with Windows error {rc}");
    }

    /// <summary>Closes the key.</summary>
    public void Dispose() => _key.Dispose();

    [LibraryImport("advapi32.dll", EntryPoint = "RegQueryValueExW", StringMarshalling = StringMarshalling.Utf16)]
    private static partial int RegQueryValueExW(SafeRegistryHandle key, string? name, IntPtr reserved, out uint type, [Out] byte[]? data, ref uint size);

    [LibraryImport("advapi32.dll", EntryPoint = "RegQueryInfoKeyW", StringMarshalling = StringMarshalling.Utf16)]
    private static partial int RegQueryInfoKeyW(SafeRegistryHandle key, char[]? className, IntPtr classLength, IntPtr reserved, IntPtr subKeys, IntPtr maxSubKeyLength,
        IntPtr maxClassLength, IntPtr values, IntPtr maxValueNameLength, IntPtr maxValueLength, IntPtr securityDescriptorLength, out long lastWriteTime);
}

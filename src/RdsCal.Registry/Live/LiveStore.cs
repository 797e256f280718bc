using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using RdsCal.Registry.Changes;
using Microsoft.Win32;
using Win32Registry = Microsoft.Win32.Registry;
using Microsoft.Win32.SafeHandles;

namespace RdsCal.Registry.Live;

/// <summary>
/// The live HKEY_LOCAL_MACHINE as a change-set store (paths <c>SYSTEM\…</c>, <c>SOFTWARE\…</c>). Values are
/// written with RegSetValueEx so their bytes are exactly the change set's. A key whose ACL denies
/// administrators (RCM\GracePeriod) is opened with SeBackupPrivilege/SeRestorePrivilege and
/// REG_OPTION_BACKUP_RESTORE, leaving its owner and DACL untouched; where that fails, ownership is taken,
/// then the original owner and DACL are restored and verified.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed partial class LiveStore : IRegistryStore
{
    private const int RegOptionBackupRestore = 0x4;
    private const int KeyAllAccess = 0xF003F;

    /// <inheritdoc />
    public string Label => "live registry (HKLM)";

    /// <inheritdoc />
    public RegistryKey Root => new LiveRoot();

    /// <inheritdoc />
    public void CreateKey(string path) => Win32Registry.LocalMachine.CreateSubKey(path, writable: true).Dispose();

    /// <inheritdoc />
    public void DeleteKey(string path) => WithWritableKey(ParentOf(path, out string leaf), key => key.DeleteSubKeyTree(leaf, throwOnMissingSubKey: false));

    /// <inheritdoc />
    public void SetValue(string keyPath, RegistryValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WithWritableKey(keyPath, key =>
        {
            byte[] data = value.Span.ToArray();
            int rc = RegSetValueExW(key.Handle, value.Name, 0, (uint)value.Kind, data, data.Length);
            if (rc != 0)
            {
                throw new IOException($"setting HKLM\\{keyPath}\\{value.Name} failed with Windows error {rc}");
            }
        });
    }

    /// <inheritdoc />
    public void DeleteValue(string keyPath, string name) => WithWritableKey(keyPath, key => key.DeleteValue(name, throwOnMissingValue: false));

    /// <inheritdoc />
    public IReadOnlyList<string> Commit()
    {
        Win32Registry.LocalMachine.Flush();
        return ["the live registry was changed"];
    }

    private static string ParentOf(string path, out string leaf)
    {
        var parts = RegistryPath.Split(path);
        leaf = parts[^1];
        return string.Join('\\', parts[..^1]);
    }

    /// <summary>Opens a key for writing, escalating only as far as its ACL requires.</summary>
    private static void WithWritableKey(string path, Action<Microsoft.Win32.RegistryKey> action)
    {
        try
        {
            using var key = Win32Registry.LocalMachine.OpenSubKey(path, writable: true) ?? throw new IOException($"HKLM\\{path} does not exist");
            action(key);
            return;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or System.Security.SecurityException)
        {
        }
        if (TryWithBackupRestore(path, action))
        {
            return;
        }
        WithOwnershipTaken(path, action);
    }

    private static bool TryWithBackupRestore(string path, Action<Microsoft.Win32.RegistryKey> action)
    {
        if (!Privileges.Enable("SeBackupPrivilege", "SeRestorePrivilege"))
        {
            return false;
        }
        if (RegCreateKeyExW(new SafeRegistryHandle(new IntPtr(unchecked((int)0x80000002)), ownsHandle: false), path, 0, null, RegOptionBackupRestore, KeyAllAccess, IntPtr.Zero, out var handle, out _) != 0)
        {
            return false;
        }
        using var key = Microsoft.Win32.RegistryKey.FromHandle(handle);
        action(key);
        return true;
    }

    private static void WithOwnershipTaken(string path, Action<Microsoft.Win32.RegistryKey> action)
    {
        Privileges.Enable("SeTakeOwnershipPrivilege", "SeRestorePrivilege");
        byte[] original;
        using (var key = Win32Registry.LocalMachine.OpenSubKey(path, RegistryKeyPermissionCheck.ReadWriteSubTree, RegistryRights.TakeOwnership | RegistryRights.ReadPermissions | RegistryRights.ChangePermissions)
            ?? throw new IOException($"HKLM\\{path} does not exist"))
        {
            var security = key.GetAccessControl(AccessControlSections.Owner | AccessControlSections.Access);
            original = security.GetSecurityDescriptorBinaryForm();
            var admins = new SecurityIdentifier(WellKnownSidType.BuiltinAdministratorsSid, null);
            security.SetOwner(admins);
            key.SetAccessControl(security);
            security.AddAccessRule(new RegistryAccessRule(admins, RegistryRights.FullControl, AccessControlType.Allow));
            key.SetAccessControl(security);
        }
        try
        {
            using var writable = Win32Registry.LocalMachine.OpenSubKey(path, writable: true)!;
            action(writable);
        }
        catch
        {
            RestoreSecurity(path, original);
            throw;
        }
        if (!RestoreSecurity(path, original))
        {
            throw new IOException($"HKLM\\{path}: the original owner and DACL could not be restored exactly; check the key's permissions");
        }
    }

    /// <summary>Puts back the saved owner and DACL; true when they read back identical.</summary>
    private static bool RestoreSecurity(string path, byte[] original)
    {
        using var key = Win32Registry.LocalMachine.OpenSubKey(path, RegistryKeyPermissionCheck.ReadWriteSubTree, RegistryRights.TakeOwnership | RegistryRights.ChangePermissions | RegistryRights.ReadPermissions)!;
        var restored = new RegistrySecurity();
        restored.SetSecurityDescriptorBinaryForm(original, AccessControlSections.Owner | AccessControlSections.Access);
        key.SetAccessControl(restored);
        byte[] now = key.GetAccessControl(AccessControlSections.Owner | AccessControlSections.Access).GetSecurityDescriptorBinaryForm();
        return now.AsSpan().SequenceEqual(original);
    }

    [LibraryImport("advapi32.dll", EntryPoint = "RegSetValueExW", StringMarshalling = StringMarshalling.Utf16)]
    private static partial int RegSetValueExW(SafeRegistryHandle key, string name, int reserved, uint type, byte[] data, int size);

    [LibraryImport("advapi32.dll", EntryPoint = "RegCreateKeyExW", StringMarshalling = StringMarshalling.Utf16)]
    private static partial int RegCreateKeyExW(SafeRegistryHandle key, string subKey, int reserved, string? className, int options, int desired, IntPtr security, out SafeRegistryHandle result, out int disposition);

    private sealed class LiveRoot : RegistryKey
    {
        public override string Name => string.Empty;

        public override int SubkeyCount => 2;

        public override int ValueCount => 0;

        public override IEnumerable<RegistryKey> EnumerateSubkeys() => [OpenSubkey("SYSTEM")!, OpenSubkey("SOFTWARE")!];

        public override IEnumerable<RegistryValue> EnumerateValues() => [];

        public override RegistryKey? OpenSubkey(string name)
        {
            var key = Win32Registry.LocalMachine.OpenSubKey(name, writable: false);
            return key is null ? null : new LiveRegistryKey(key, name);
        }
    }
}

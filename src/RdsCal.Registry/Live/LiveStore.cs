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
/// administrators (RCM\GracePeriod, named by the caller) is opened with SeBackupPrivilege/SeRestorePrivilege and
/// REG_OPTION_BACKUP_RESTORE, and its owner and DACL are read (RegGetKeySecurity) before and after the write and
/// must be identical; where that open fails, ownership is taken, then the original owner and DACL are restored
/// and verified.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed partial class LiveStore : IRegistryStore
{
    private const int RegOptionBackupRestore = 0x4;
    private const int KeyAllAccess = 0xF003F;
    private const uint OwnerGroupDacl = 0x1 | 0x2 | 0x4;
    private const int ErrorInsufficientBuffer = 122;

    private readonly HashSet<string> _backupRestoreKeys;
    private readonly List<string> _notes = [];

    /// <summary>Opens the store after checking that this process may change the live registry.</summary>
    /// <param name="privileges">The process token (checked now, so a refusal happens before anything is read or written).</param>
    /// <param name="backupRestoreKeys">Keys (HKLM-relative) whose owner or ACL may keep administrators out: always opened for backup/restore.</param>
    /// <exception cref="ElevationRequiredException">The process is not elevated or lacks a privilege.</exception>
    public LiveStore(IProcessPrivileges privileges, IEnumerable<string> backupRestoreKeys)
    {
        LiveWriteAccess.Require(privileges);
        _backupRestoreKeys = new HashSet<string>(backupRestoreKeys ?? [], StringComparer.OrdinalIgnoreCase);
    }

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
        return [.. _notes, "the live registry was changed"];
    }

    private static string ParentOf(string path, out string leaf)
    {
        var parts = RegistryPath.Split(path);
        leaf = parts[^1];
        return string.Join('\\', parts[..^1]);
    }

    /// <summary>Opens a key for writing, escalating only as far as its ACL requires.</summary>
    private void WithWritableKey(string path, Action<Microsoft.Win32.RegistryKey> action)
    {
        if (_backupRestoreKeys.Contains(path))
        {
            if (TryWithBackupRestore(path, action, out string? protectedNote))
            {
                _notes.Add(protectedNote);
                return;
            }
            WithOwnershipTaken(path, action);
            return;
        }
        try
        {
            using var key = Win32Registry.LocalMachine.OpenSubKey(path, writable: true) ?? throw new IOException($"HKLM\\{path} does not exist");
            // A step with the key open for writing, so a fault harness can hold a writer here (the CLI host's RDSCAL_PAUSE_AT).
            WriteStep.Reached("live " + path);
            action(key);
            return;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or System.Security.SecurityException)
        {
        }
        if (TryWithBackupRestore(path, action, out string? note))
        {
            _notes.Add(note);
            return;
        }
        WithOwnershipTaken(path, action);
    }

    /// <summary>
    /// Writes through a REG_OPTION_BACKUP_RESTORE handle, which bypasses the key's DACL without changing it; the
    /// owner and DACL are compared before and after so a write that altered them is reported, not assumed away.
    /// </summary>
    private static bool TryWithBackupRestore(string path, Action<Microsoft.Win32.RegistryKey> action, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? note)
    {
        note = null;
        if (!ProcessPrivileges.Enable("SeBackupPrivilege", "SeRestorePrivilege"))
        {
            return false;
        }
        if (RegCreateKeyExW(new SafeRegistryHandle(new IntPtr(unchecked((int)0x80000002)), ownsHandle: false), path, 0, null, RegOptionBackupRestore, KeyAllAccess, IntPtr.Zero, out var handle, out _) != 0)
        {
            return false;
        }
        using var key = Microsoft.Win32.RegistryKey.FromHandle(handle);
        byte[] before = ReadSecurity(key.Handle, path);
        action(key);
        byte[] after = ReadSecurity(key.Handle, path);
        if (!before.AsSpan().SequenceEqual(after))
        {
            throw new IOException($"HKLM\\{path}: its owner or DACL changed during the write; check the key's permissions");
        }
        note = $"HKLM\\{path}: written with backup/restore privileges; owner and DACL read before and after ({before.Length} bytes), identical";
        return true;
    }

    /// <summary>The key's owner, group and DACL as a self-relative security descriptor (RegGetKeySecurity).</summary>
    private static byte[] ReadSecurity(SafeRegistryHandle key, string path)
    {
        int size = 0;
        int rc = RegGetKeySecurity(key, OwnerGroupDacl, null, ref size);
        if (rc == ErrorInsufficientBuffer)
        {
            var descriptor = new byte[size];
            rc = RegGetKeySecurity(key, OwnerGroupDacl, descriptor, ref size);
            if (rc == 0)
            {
                return descriptor[..size];
            }
        }
        throw new IOException($"HKLM\\{path}: reading its owner and DACL failed with Windows error {rc}");
    }

    private static void WithOwnershipTaken(string path, Action<Microsoft.Win32.RegistryKey> action)
    {
        ProcessPrivileges.Enable("SeTakeOwnershipPrivilege", "SeRestorePrivilege");
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

    [LibraryImport("advapi32.dll", EntryPoint = "RegGetKeySecurity")]
    private static partial int RegGetKeySecurity(SafeRegistryHandle key, uint information, [Out] byte[]? descriptor, ref int size);

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

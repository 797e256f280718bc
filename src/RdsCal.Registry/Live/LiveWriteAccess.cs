namespace RdsCal.Registry.Live;

/// <summary>
/// The check every live change passes before it reads or writes anything: the process is elevated and holds
/// SeBackupPrivilege and SeRestorePrivilege, which opening RCM\GracePeriod with REG_OPTION_BACKUP_RESTORE needs.
/// Checking up front (rather than at the key that needs it) is what makes a refusal change nothing.
/// </summary>
public static class LiveWriteAccess
{
    /// <summary>The privileges a live change enables.</summary>
    public static IReadOnlyList<string> BackupRestore { get; } = ["SeBackupPrivilege", "SeRestorePrivilege"];

    /// <summary>Throws unless the process may change the live registry.</summary>
    /// <exception cref="ElevationRequiredException">Not elevated, or a privilege could not be enabled.</exception>
    public static void Require(IProcessPrivileges privileges)
    {
        ArgumentNullException.ThrowIfNull(privileges);
        if (!privileges.IsElevated)
        {
            throw new ElevationRequiredException("an elevated process (this one runs with a filtered, non-administrator token)");
        }
        if (!privileges.TryEnable(BackupRestore, out string? failed))
        {
            throw new ElevationRequiredException($"{failed}, which this process's token does not hold");
        }
    }
}

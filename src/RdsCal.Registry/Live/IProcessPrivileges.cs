namespace RdsCal.Registry.Live;

/// <summary>
/// What the current process token allows: whether it is elevated, and enabling the privileges live writes need.
/// An interface so the refusal paths can be tested without an unelevated Windows session.
/// </summary>
public interface IProcessPrivileges
{
    /// <summary>True when the process runs elevated (an administrator's full token, not the UAC-filtered one).</summary>
    bool IsElevated { get; }

    /// <summary>Enables each named privilege; on failure returns false with the privilege that could not be enabled.</summary>
    /// <param name="names">Privilege names such as <c>SeBackupPrivilege</c>.</param>
    /// <param name="failed">The first privilege that could not be enabled, or null.</param>
    bool TryEnable(IReadOnlyList<string> names, out string? failed);
}

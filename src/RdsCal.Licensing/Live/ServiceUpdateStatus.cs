namespace RdsCal.Licensing.Live;

/// <summary>How a WMI call to the running Remote Desktop Services (Win32_TerminalServiceSetting) ended.</summary>
public enum ServiceUpdateStatus
{
    /// <summary>The method returned 0: the running service took the change.</summary>
    Taken,

    /// <summary>The namespace root\cimv2\TerminalServices or the class Win32_TerminalServiceSetting does not exist (no RD Session Host role, or no WMI provider).</summary>
    ClassMissing,

    /// <summary>WMI refused the connection or the call (not elevated).</summary>
    AccessDenied,

    /// <summary>The method ran and returned a non-zero ReturnValue.</summary>
    MethodFailed,

    /// <summary>WMI itself could not be reached (service stopped, component missing).</summary>
    Unavailable,
}

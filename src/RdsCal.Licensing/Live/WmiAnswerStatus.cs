namespace RdsCal.Licensing.Live;

/// <summary>How a WMI query method ended.</summary>
public enum WmiAnswerStatus
{
    /// <summary>The method ran, returned 0 and gave its out value.</summary>
    Answered,

    /// <summary>The method ran and returned a non-zero ReturnValue.</summary>
    MethodFailed,

    /// <summary>The namespace does not exist (WBEM_E_INVALID_NAMESPACE): role not installed, or a WMI without it (Wine).</summary>
    NamespaceMissing,

    /// <summary>The class or method does not exist, or the class has no instance.</summary>
    ClassMissing,

    /// <summary>WMI or DCOM refused the account (E_ACCESSDENIED, WBEM_E_ACCESS_DENIED).</summary>
    AccessDenied,

    /// <summary>The remote machine did not answer RPC (0x800706BA, RPC_S_SERVER_UNAVAILABLE).</summary>
    RpcUnavailable,

    /// <summary>WMI did not answer within the timeout (WBEM_E_TIMED_OUT).</summary>
    TimedOut,

    /// <summary>WMI itself cannot be reached here (not Windows, service stopped, component missing).</summary>
    Unavailable,
}

namespace RdsCal.Licensing.Live;

/// <summary>
/// The license server's named pipe <c>\\SERVER\pipe\HYDRALSPIPE</c>, which the Remote Desktop Licensing service listens
/// on; jagilber's rds-lic-svr-chk.ps1 opens it to tell a listening licensing service from a port that merely accepts.
/// No Microsoft page documents the pipe's name (community source only). A seam so every answer is tested with a fake.
/// </summary>
internal interface ILicensingPipe
{
    /// <summary>The pipe's name on the license server.</summary>
    public const string PipeName = "HYDRALSPIPE";

    /// <summary>Opens the pipe on <paramref name="server"/> within <paramref name="timeout"/> and closes it again; never throws for a failure to open.</summary>
    PipeAnswer Open(string server, TimeSpan timeout);
}

/// <summary>How opening the pipe ended.</summary>
internal enum PipeStatus
{
    /// <summary>The pipe opened: something listens on it.</summary>
    Opened,

    /// <summary>It did not open within the timeout (no such pipe, since the client retries until then, or every instance busy).</summary>
    TimedOut,

    /// <summary>The server says there is no such pipe (ERROR_FILE_NOT_FOUND).</summary>
    NotFound,

    /// <summary>The server could not be reached over SMB (ERROR_BAD_NETPATH and kin).</summary>
    Unreachable,

    /// <summary>The pipe or the SMB session refused this account (ERROR_ACCESS_DENIED, a logon failure).</summary>
    AccessDenied,

    /// <summary>Another I/O error, in the detail.</summary>
    Failed,

    /// <summary>Named pipes to another machine cannot be opened here (not Windows).</summary>
    Unavailable,
}

/// <summary>What opening the pipe gave.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Detail">What the system said (exception type, HRESULT, message), or null when it opened.</param>
internal sealed record PipeAnswer(PipeStatus Status, string? Detail = null)
{
    // Win32 error codes (learn.microsoft.com/windows/win32/debug/system-error-codes--0-499-): 2 ERROR_FILE_NOT_FOUND,
    // 5 ERROR_ACCESS_DENIED, 51 ERROR_REM_NOT_LIST, 53 ERROR_BAD_NETPATH, 64 ERROR_NETNAME_DELETED, 67 ERROR_BAD_NET_NAME,
    // 1326 ERROR_LOGON_FAILURE, 1231 ERROR_NETWORK_UNREACHABLE.
    public static PipeStatus StatusOf(int hresult) => (hresult & 0xFFFF) switch
    {
        2 => PipeStatus.NotFound,
        5 or 1326 => PipeStatus.AccessDenied,
        51 or 53 or 64 or 67 or 1231 => PipeStatus.Unreachable,
        _ => PipeStatus.Failed,
    };
}

namespace RdsCal.Licensing.Probes;

/// <summary>The machine and account a check runs as, for the rows where the identity changes the answer.</summary>
internal static class HereAndAccount
{
    /// <summary>This machine (network checks: the answer depends on where they run, not who runs them).</summary>
    public static string Machine => $"this machine ({Environment.MachineName})";

    /// <summary>This machine as the account running rdscal (remote WMI to the license server).</summary>
    public static string Account => As(null);

    /// <summary>This machine as <paramref name="account"/> (a credential's user), or as the account running rdscal when null.</summary>
    public static string As(string? account) => $"{Machine} as {account ?? $"{Environment.UserDomainName}\\{Environment.UserName}"}";

    /// <summary>
    /// The session host's own service: GetTStoLSConnectivityStatus is answered by the Remote Desktop service, which talks
    /// to the license server as the computer account (NETWORK SERVICE), not as the admin running rdscal.
    /// </summary>
    public static string SessionHostService => $"{Machine}: the Remote Desktop service, as the computer account (NETWORK SERVICE)";
}

namespace RdsCal.Licensing.Live;

/// <summary>
/// One Win32_TSDiscoveredLicenseServer of <c>FindLicenseServers</c>
/// (learn.microsoft.com/windows/win32/termserv/win32-tsdiscoveredlicenseserver).
/// </summary>
/// <param name="Name">LicenseServer: the server's name.</param>
/// <param name="IsLSAvailable">0 not available, 1 available (an RPC connection can be made).</param>
/// <param name="IsAdminOnLS">0 no, 1 yes, 2 cannot be determined: whether the caller is an administrator of it.</param>
/// <param name="IssuingCALs">0 not allowed, 1 allowed, 2 cannot be determined: whether it may issue CALs to this host.</param>
public sealed record DiscoveredLicenseServer(string Name, uint IsLSAvailable, uint IsAdminOnLS, uint IssuingCALs)
{
    /// <summary>The three answers in words, e.g. <c>IsLSAvailable 1 (available), IsAdminOnLS 2 (cannot be determined), IssuingCALs 1 (allowed)</c>.</summary>
    public string Words =>
        FormattableString.Invariant($"IsLSAvailable {IsLSAvailable} ({Word(IsLSAvailable, "not available", "available", null)}), IsAdminOnLS {IsAdminOnLS} ({Word(IsAdminOnLS, "the account is not its administrator", "the account is its administrator", "cannot be determined")}), IssuingCALs {IssuingCALs} ({Word(IssuingCALs, "not allowed to issue CALs to this host", "allowed to issue CALs to this host", "cannot be determined")})");

    private static string Word(uint value, string no, string yes, string? unknown) => value switch
    {
        0 => no,
        1 => yes,
        2 when unknown is not null => unknown,
        _ => "a value Microsoft does not document",
    };
}

/// <summary>What <c>FindLicenseServers</c> gave: the call (answered, or why not) and the servers when it answered.</summary>
/// <param name="Call">How the call ended; answered with <see cref="WmiAnswer.Value"/> the count.</param>
/// <param name="Servers">The servers discovered (empty unless answered; empty and answered: none found).</param>
public sealed record DiscoveredLicenseServers(WmiAnswer Call, IReadOnlyList<DiscoveredLicenseServer> Servers)
{
    /// <summary>The method's name.</summary>
    public const string Method = "FindLicenseServers";

    /// <summary>A call that did not answer.</summary>
    public static DiscoveredLicenseServers Failed(WmiAnswerStatus status, string detail) =>
        new(new WmiAnswer(ServiceUpdate.Namespace, ServiceUpdate.ClassName, Method, status, Detail: detail), []);

    /// <summary>A call that answered with <paramref name="servers"/>.</summary>
    public static DiscoveredLicenseServers Of(IReadOnlyList<DiscoveredLicenseServer> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        return new(new WmiAnswer(ServiceUpdate.Namespace, ServiceUpdate.ClassName, Method, WmiAnswerStatus.Answered, (uint)servers.Count, 0), servers);
    }

    /// <summary>The entry for <paramref name="server"/> (names compared without case), or null.</summary>
    public DiscoveredLicenseServer? For(string server) =>
        Servers.FirstOrDefault(s => string.Equals(s.Name, server, StringComparison.OrdinalIgnoreCase));
}

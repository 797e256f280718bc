namespace RdsCal.Licensing.Live;

/// <summary>
/// Win32_TSIssuedLicense (root\cimv2 on the license server, administrators only): the licenses the server has issued,
/// read from its licensing database. A seam of its own so every answer and failure is tested with a fake.
/// </summary>
internal interface ITSIssuedLicense
{
    /// <summary>The WMI class (learn.microsoft.com/windows/win32/termserv/win32-tsissuedlicense).</summary>
    public const string ClassName = "Win32_TSIssuedLicense";

    /// <summary>Every issued license on <paramref name="server"/> ("." for this machine); never throws for a WMI failure.</summary>
    IssuedLicenseList GetIssuedLicenses(string server);
}

/// <summary>One instance of Win32_TSIssuedLicense, its properties as the class documents them.</summary>
/// <param name="LicenseId">The license's identifier.</param>
/// <param name="KeyPackId">The key pack it was issued from.</param>
/// <param name="IssuedToUser">The user it was issued to (sIssuedToUser), or null.</param>
/// <param name="IssuedToComputer">The client computer it was issued to (sIssuedToComputer), or null.</param>
/// <param name="HardwareId">The client's hardware id (sHardwareId), or null.</param>
/// <param name="LicenseStatus">0 unknown, 1 temporary, 2 active, 3 upgrade, 4 revoked, 5 pending, 6 concurrent.</param>
/// <param name="IssueDate">When it was issued, or null when WMI gave no date.</param>
/// <param name="ExpirationDate">When it expires, or null when WMI gave no date.</param>
internal sealed record IssuedLicense(
    uint LicenseId,
    uint KeyPackId,
    string? IssuedToUser,
    string? IssuedToComputer,
    string? HardwareId,
    uint LicenseStatus,
    DateTimeOffset? IssueDate,
    DateTimeOffset? ExpirationDate);

/// <summary>What reading the issued licenses gave: the call (answered, or why not) and the licenses when it answered.</summary>
/// <param name="Call">How the read ended; <see cref="WmiAnswerStatus.Answered"/> with <see cref="WmiAnswer.Value"/> the count.</param>
/// <param name="Licenses">The issued licenses (empty unless answered; empty and answered: none issued).</param>
internal sealed record IssuedLicenseList(WmiAnswer Call, IReadOnlyList<IssuedLicense> Licenses)
{
    public static IssuedLicenseList Failed(WmiAnswerStatus status, string detail) =>
        new(new WmiAnswer(ITSLicenseServer.Namespace, ITSIssuedLicense.ClassName, KeyPackList.Method, status, Detail: detail), []);

    public static IssuedLicenseList Of(IReadOnlyList<IssuedLicense> licenses) =>
        new(new WmiAnswer(ITSLicenseServer.Namespace, ITSIssuedLicense.ClassName, KeyPackList.Method, WmiAnswerStatus.Answered, (uint)licenses.Count, 0), licenses);
}

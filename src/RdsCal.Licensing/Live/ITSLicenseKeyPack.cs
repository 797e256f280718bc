namespace RdsCal.Licensing.Live;

/// <summary>
/// Win32_TSLicenseKeyPack (root\cimv2 on the license server, administrators only): the CALs installed there, read
/// remotely. A seam of its own so every answer and failure is tested with a fake.
/// </summary>
internal interface ITSLicenseKeyPack
{
    /// <summary>The WMI class (learn.microsoft.com/windows/win32/termserv/win32-tslicensekeypack).</summary>
    public const string ClassName = "Win32_TSLicenseKeyPack";

    /// <summary>Every key pack on <paramref name="server"/>; never throws for a WMI failure.</summary>
    KeyPackList GetKeyPacks(string server);
}

/// <summary>One instance of Win32_TSLicenseKeyPack, its properties as the class documents them.</summary>
/// <param name="KeyPackId">The key pack's identifier.</param>
/// <param name="KeyPackType">0 unknown, 1 retail, 2 volume, 3 concurrent, 4 temporary, 5 open, 6 not supported.</param>
/// <param name="ProductType">0 per device, 1 per user, 2 not valid.</param>
/// <param name="ProductVersionId">2 Windows Server 2008, 3 2008 R2, 4 2012; later values undocumented.</param>
/// <param name="ProductVersion">The server's own words for the version (e.g. "Windows Server 2012"), or null.</param>
/// <param name="TotalLicenses">Licenses in the pack.</param>
/// <param name="IssuedLicenses">Licenses issued from it.</param>
/// <param name="AvailableLicenses">Licenses still available.</param>
/// <param name="ExpirationDate">When the pack expires, or null when WMI gave no date.</param>
/// <param name="TypeAndModel">e.g. "TS Per User CAL", or null.</param>
internal sealed record KeyPack(
    uint KeyPackId,
    uint KeyPackType,
    uint ProductType,
    uint ProductVersionId,
    string? ProductVersion,
    uint TotalLicenses,
    uint IssuedLicenses,
    uint AvailableLicenses,
    DateTimeOffset? ExpirationDate,
    string? TypeAndModel);

/// <summary>What reading the key packs gave: the call (answered, or why not) and the packs when it answered.</summary>
/// <param name="Call">How the read ended; <see cref="WmiAnswerStatus.Answered"/> with <see cref="WmiAnswer.Value"/> the count.</param>
/// <param name="Packs">The key packs (empty unless answered; empty and answered: none installed).</param>
internal sealed record KeyPackList(WmiAnswer Call, IReadOnlyList<KeyPack> Packs)
{
    public const string Method = "instances";

    public static KeyPackList Failed(WmiAnswerStatus status, string detail) =>
        new(new WmiAnswer(ITSLicenseServer.Namespace, ITSLicenseKeyPack.ClassName, Method, status, Detail: detail), []);

    public static KeyPackList Of(IReadOnlyList<KeyPack> packs) =>
        new(new WmiAnswer(ITSLicenseServer.Namespace, ITSLicenseKeyPack.ClassName, Method, WmiAnswerStatus.Answered, (uint)packs.Count, 0), packs);
}

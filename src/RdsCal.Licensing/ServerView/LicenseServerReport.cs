using RdsCal.Licensing.Probes;

namespace RdsCal.Licensing.ServerView;

/// <summary>What <c>rdscal server</c> read from a license server's own licensing database (docs/server-json.md).</summary>
/// <param name="Server">The license server (this machine's name when read locally).</param>
/// <param name="RanAs">The machine and account WMI was asked from and as.</param>
/// <param name="Parts">One row per part read (<c>activation</c>, <c>keyPacks</c>, <c>issuedLicenses</c>, <c>licenseServersGroup</c>), in that order.</param>
/// <param name="KeyPacks">The installed key packs (empty unless <c>keyPacks</c> answered).</param>
/// <param name="IssuedLicenses">The licenses issued (empty unless <c>issuedLicenses</c> answered).</param>
public sealed record LicenseServerReport(string Server, string RanAs, IReadOnlyList<LicenseServerPart> Parts, IReadOnlyList<InstalledKeyPack> KeyPacks, IReadOnlyList<IssuedCal> IssuedLicenses);

/// <summary>One part of the license server view: how reading it ended and the raw answer it rests on.</summary>
/// <param name="Part">The contract's name: <c>activation</c>, <c>keyPacks</c>, <c>issuedLicenses</c> or <c>licenseServersGroup</c>.</param>
/// <param name="Outcome">Ok only on an answer that says so; unavailable when WMI could not answer, with the reason.</param>
/// <param name="Evidence">The answer (a return code, counts, an HRESULT) and its meaning.</param>
/// <param name="ElapsedMs">Wall-clock milliseconds the part took.</param>
public sealed record LicenseServerPart(string Part, ProbeOutcome Outcome, string Evidence, long ElapsedMs);

/// <summary>One installed key pack (Win32_TSLicenseKeyPack), raw numbers with their documented words.</summary>
/// <param name="KeyPackId">The key pack's identifier.</param>
/// <param name="ProductType">0 per device, 1 per user, 2 not valid.</param>
/// <param name="Type"><c>perDevice</c>, <c>perUser</c>, <c>notValid</c> or <c>undocumented</c>.</param>
/// <param name="KeyPackType">0 unknown, 1 retail, 2 volume, 3 concurrent, 4 temporary, 5 open, 6 not supported.</param>
/// <param name="Kind"><c>unknown</c>, <c>retail</c>, <c>volume</c>, <c>concurrent</c>, <c>temporary</c>, <c>open</c>, <c>notSupported</c> or <c>undocumented</c>.</param>
/// <param name="ProductVersionId">2 Windows Server 2008, 3 2008 R2, 4 2012; later values are not documented.</param>
/// <param name="Version">The documented version's name, or null when the id is not documented.</param>
/// <param name="ProductVersion">The server's own words for the version, or null.</param>
/// <param name="Total">Licenses in the pack.</param>
/// <param name="Issued">Licenses issued from it.</param>
/// <param name="Available">Licenses still available.</param>
/// <param name="Expires">When the pack expires, or null when WMI gave no date.</param>
public sealed record InstalledKeyPack(uint KeyPackId, uint ProductType, string Type, uint KeyPackType, string Kind, uint ProductVersionId, string? Version, string? ProductVersion, uint Total, uint Issued, uint Available, DateTimeOffset? Expires);

/// <summary>One issued license (Win32_TSIssuedLicense): Per Device CALs and temporary licenses, and who holds them.</summary>
/// <param name="LicenseId">The license's identifier.</param>
/// <param name="KeyPackId">The key pack it came from.</param>
/// <param name="LicenseStatus">0 unknown, 1 temporary, 2 active, 3 upgrade, 4 revoked, 5 pending, 6 concurrent.</param>
/// <param name="Status"><c>unknown</c>, <c>temporary</c>, <c>active</c>, <c>upgrade</c>, <c>revoked</c>, <c>pending</c>, <c>concurrent</c> or <c>undocumented</c>.</param>
/// <param name="IssuedToComputer">The client computer holding it, or null.</param>
/// <param name="IssuedToUser">The user it was issued to, or null.</param>
/// <param name="HardwareId">The client's hardware id, or null.</param>
/// <param name="IssuedAt">When it was issued, or null.</param>
/// <param name="Expires">When it expires, or null.</param>
public sealed record IssuedCal(uint LicenseId, uint KeyPackId, uint LicenseStatus, string Status, string? IssuedToComputer, string? IssuedToUser, string? HardwareId, DateTimeOffset? IssuedAt, DateTimeOffset? Expires);

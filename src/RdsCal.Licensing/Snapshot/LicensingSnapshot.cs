namespace RdsCal.Licensing.Snapshot;

/// <summary>A machine's licensing state as the registry records it, every setting with its provenance.</summary>
public sealed record LicensingSnapshot
{
    /// <summary>The SYSTEM input (label), or null when not given.</summary>
    public string? SystemSource { get; init; }
    /// <summary>The SOFTWARE input (label), or null when not given.</summary>
    public string? SoftwareSource { get; init; }
    /// <summary>The control set the settings were read from.</summary>
    public string? ControlSet { get; init; }
    /// <summary>True when the data was read from the running registry.</summary>
    public bool IsLive { get; init; }
    /// <summary>When the snapshot was taken (rules compare certificate dates with it).</summary>
    public DateTimeOffset ReadAt { get; init; } = DateTimeOffset.UtcNow;
    /// <summary>The effective licensing mode and what it shadows.</summary>
    public required ModeSetting Mode { get; init; }
    /// <summary>The license servers the host will ask, and every shape found.</summary>
    public required ServerSetting Servers { get; init; }
    /// <summary>The grace period timebomb.</summary>
    public required GracePeriodInfo GracePeriod { get; init; }
    /// <summary>Role, product and domain facts.</summary>
    public required HostInfo Host { get; init; }
    /// <summary>RCM certificate values.</summary>
    public required IReadOnlyList<RegistryValueInfo> Certificates { get; init; }
    /// <summary>The client license store (MSLicensing).</summary>
    public required ClientStoreInfo ClientStore { get; init; }
    /// <summary>License server parameters (TermServLicensing) present on this machine.</summary>
    public required IReadOnlyList<RegistryValueInfo> LicenseServerParameters { get; init; }
    /// <summary>Licensing-related policies present (tooltip, upgrade, security group).</summary>
    public required IReadOnlyList<RegistryValueInfo> Policies { get; init; }
    /// <summary>Values found with an unexpected kind or size.</summary>
    public required IReadOnlyList<UnexpectedValue> UnexpectedValues { get; init; }
    /// <summary>What limits how far the data can be trusted (stale hive, missing source).</summary>
    public required IReadOnlyList<string> DataQuality { get; init; }
    /// <summary>The entries (values and subkeys) directly under the licensing keys RCM, RCM\Licensing Core and TermServLicensing\Parameters, so rules can spot entries Windows does not read.</summary>
    public IReadOnlyList<LicensingKeyEntry> LicensingKeyEntries { get; init; } = [];
    /// <summary>The SECURITY input (label), or null when not given.</summary>
    public string? SecuritySource { get; init; }
    /// <summary>True when RCM holds at least one <c>X509 Certificate*</c> value.</summary>
    public bool HasX509Certificate => Certificates.Any(c => c.Name.StartsWith("X509 Certificate", StringComparison.Ordinal));
    /// <summary>True when SOFTWARE was given, so policy is known.</summary>
    public bool PolicyKnown => SoftwareSource is not null;
    /// <summary>True when SYSTEM was given and its control set resolved.</summary>
    public bool SystemKnown => ControlSet is not null;
}

/// <summary>The licensing mode: effective value, its source, and the value it shadows.</summary>
/// <param name="Effective">The mode in effect.</param>
/// <param name="Raw">The stored number in effect, or null when nothing sets it.</param>
/// <param name="Source">Policy, server or none.</param>
/// <param name="From">Where the effective value was read.</param>
/// <param name="Shadowed">The server setting a policy value overrides, when both exist.</param>
public sealed record ModeSetting(LicensingMode Effective, uint? Raw, SettingSource Source, Provenance? From, ShadowedMode? Shadowed);

/// <summary>A mode value that is present but not in effect.</summary>
/// <param name="Mode">Its meaning.</param>
/// <param name="Raw">Its number.</param>
/// <param name="From">Where it is.</param>
public sealed record ShadowedMode(LicensingMode Mode, uint Raw, Provenance From);

/// <summary>The license server list.</summary>
/// <param name="Effective">The servers in order, as the host will ask them.</param>
/// <param name="Source">Policy, server or none.</param>
/// <param name="From">Where the effective list was read.</param>
/// <param name="Shadowed">The server-setting list a policy list overrides.</param>
/// <param name="Shapes">Every place a list was found, including legacy shapes.</param>
public sealed record ServerSetting(IReadOnlyList<string> Effective, SettingSource Source, Provenance? From, IReadOnlyList<string>? Shadowed, IReadOnlyList<LicenseServerShape> Shapes);

/// <summary>The ways a license server list has been stored over Windows versions.</summary>
public enum LicenseServerShapeKind
{
    /// <summary>Group Policy <c>LicenseServers</c> (REG_SZ, comma-separated): read by current Windows, and wins.</summary>
    Policy,
    /// <summary><c>Parameters\LicenseServers</c> value <c>SpecifiedLicenseServers</c> (REG_MULTI_SZ): read by 2008 R2 and later.</summary>
    Canonical,
    /// <summary>Value <c>SpecifiedLicenseServers</c> directly under <c>Parameters</c> (an old article's misplacement).</summary>
    ValueUnderParameters,
    /// <summary>Subkey <c>LicenseServers\SpecifiedLicenseServers</c> (described by one Microsoft article).</summary>
    SpecifiedSubkey,
    /// <summary>Server 2003 style: one subkey of <c>LicenseServers</c> per server.</summary>
    PerServerSubkeys,
    /// <summary>Windows 2000 <c>DefaultLicenseServer</c>.</summary>
    DefaultLicenseServer,
}

/// <summary>One place a license server list was found.</summary>
/// <param name="Kind">Which shape.</param>
/// <param name="From">Where.</param>
/// <param name="Servers">The names it holds.</param>
/// <param name="ReadByCurrentWindows">Whether Microsoft documents Windows Server 2008 R2 and later reading it (false: undocumented, not known to be ignored).</param>
/// <param name="Note">What to know about it.</param>
public sealed record LicenseServerShape(LicenseServerShapeKind Kind, Provenance From, IReadOnlyList<string> Servers, bool ReadByCurrentWindows, string Note);

/// <summary>The grace period timebomb as far as the registry shows it.</summary>
/// <param name="KeyPresent">Whether <c>RCM\GracePeriod</c> exists.</param>
/// <param name="ValueName">The timebomb value's name, when present.</param>
/// <param name="ValueSize">Its size in bytes.</param>
/// <param name="IsBetaName">True for the pre-release value name.</param>
/// <param name="KeyLastWritten">The key's last-write time, when known.</param>
/// <param name="DaysLeft">Days left, from WMI on a live host; null offline.</param>
/// <param name="Note">What can and cannot be known.</param>
/// <param name="From">The key's path.</param>
public sealed record GracePeriodInfo(bool KeyPresent, string? ValueName, int? ValueSize, bool IsBetaName, DateTimeOffset? KeyLastWritten, int? DaysLeft, string Note, Provenance? From)
{
    /// <summary>The end date decrypted from the timebomb (live on Windows only; no Microsoft source), or null when not read.</summary>
    public GraceEndDate? EndDate { get; init; }

    /// <summary>True when the timebomb value exists. It stays after the grace period ends and after licensing, so alone it does not mean the grace period is running.</summary>
    public bool TimebombPresent => ValueName is not null;

    /// <summary>What can be said: WMI's days left when known (live), else only whether the key and the timebomb exist.</summary>
    public GraceState State => DaysLeft switch
    {
        > 0 => GraceState.DaysLeft,
        0 => GraceState.Ended,
        _ => From is null ? GraceState.Unknown : !KeyPresent ? GraceState.NoKey : TimebombPresent ? GraceState.TimebombPresent : GraceState.NoTimebomb,
    };

    /// <summary>A short wording for tables: <c>?</c>, <c>no key</c>, <c>no bomb</c>, <c>present</c>, <c>42 days</c>, <c>ended</c>.</summary>
    public string ShortText => State switch
    {
        GraceState.DaysLeft => $"{DaysLeft} days",
        GraceState.Ended => "ended",
        GraceState.TimebombPresent => "present",
        GraceState.NoTimebomb => "no bomb",
        GraceState.NoKey => "no key",
        _ => "?",
    };
}

/// <summary>What is known about the grace period.</summary>
public enum GraceState
{
    /// <summary>No SYSTEM source.</summary>
    Unknown,
    /// <summary>The GracePeriod key does not exist.</summary>
    NoKey,
    /// <summary>The key exists without a timebomb value.</summary>
    NoTimebomb,
    /// <summary>The timebomb value exists; offline its date cannot be read, and it stays after the grace period ends.</summary>
    TimebombPresent,
    /// <summary>Live: WMI reports days left.</summary>
    DaysLeft,
    /// <summary>Live: WMI reports 0 days left, so the grace period is over.</summary>
    Ended,
}

/// <summary>Role, product and domain facts.</summary>
public sealed record HostInfo
{
    /// <summary><c>RDS-RD-Server</c> InstallState (0 = not installed), or null when unknown.</summary>
    public uint? RdsRoleInstallState { get; init; }
    /// <summary>ProductOptions ProductType (WinNT, ServerNT, LanmanNT).</summary>
    public string? ProductType { get; init; }
    /// <summary>ProductName.</summary>
    public string? ProductName { get; init; }
    /// <summary>CurrentBuild (or CurrentBuildNumber).</summary>
    public string? Build { get; init; }
    /// <summary>The primary DNS suffix from TCP/IP parameters (empty: none; null: unknown). A hint only: a workgroup machine can have one.</summary>
    public string? Domain { get; init; }
    /// <summary>Domain membership from the LSA policy in the SECURITY hive, or null when no SECURITY hive was read.</summary>
    public DomainMembership? Membership { get; init; }
    /// <summary>The computer name (<c>Control\ComputerName\ComputerName</c>), or null when not recorded.</summary>
    public string? ComputerName { get; init; }
    /// <summary>True when the role is known to be installed, false when known absent, null when unknown.</summary>
    public bool? IsSessionHost => RdsRoleInstallState is { } s ? s != 0 : ProductType is "WinNT" ? false : null;
    /// <summary>True when SECURITY records a primary domain SID, false when it records none (a workgroup), null when unknown (no SECURITY read).</summary>
    public bool? IsDomainJoined => Membership?.Joined;
}

/// <summary>The machine's primary domain as the LSA policy records it (SECURITY\Policy\PolPrDmN and PolPrDmS).</summary>
/// <param name="Joined">True when a primary domain SID is recorded.</param>
/// <param name="Name">The primary domain's NetBIOS name, or the workgroup's name when not joined.</param>
/// <param name="Sid">The domain SID (S-1-5-21-…), or null in a workgroup.</param>
/// <param name="From">Where the name was read.</param>
public sealed record DomainMembership(bool Joined, string? Name, string? Sid, Provenance From);

/// <summary>A value or subkey found directly under one of the licensing keys.</summary>
/// <param name="Key">The key, relative to the control set (e.g. <c>Control\Terminal Server\RCM</c>).</param>
/// <param name="Name">The value's or subkey's name.</param>
/// <param name="IsKey">True for a subkey.</param>
/// <param name="Summary">What it holds (a value's kind and data; a subkey's values and subkeys).</param>
/// <param name="From">Where.</param>
public sealed record LicensingKeyEntry(string Key, string Name, bool IsKey, string Summary, Provenance From);

/// <summary>A registry value reduced to what a report shows.</summary>
/// <param name="Name">Value name.</param>
/// <param name="Kind">Its REG_* kind name.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Display">A decoded rendering.</param>
/// <param name="From">Where.</param>
public sealed record RegistryValueInfo(string Name, string Kind, int Size, string Display, Provenance From);

/// <summary>A value whose kind or size is not what Windows writes.</summary>
/// <param name="From">Where.</param>
/// <param name="Found">What was found (kind and size).</param>
/// <param name="Expected">What Windows expects.</param>
public sealed record UnexpectedValue(Provenance From, string Found, string Expected);

/// <summary>The client license store.</summary>
/// <param name="Present">Whether MSLicensing exists.</param>
/// <param name="HardwareIdSize">ClientHWID size, when present.</param>
/// <param name="Licenses">The stored licenses.</param>
/// <param name="From">The key's path.</param>
public sealed record ClientStoreInfo(bool Present, int? HardwareIdSize, IReadOnlyList<ClientLicenseInfo> Licenses, Provenance? From);

/// <summary>One <c>Store\LICENSEnnn</c> entry.</summary>
public sealed record ClientLicenseInfo
{
    /// <summary>Subkey name (LICENSE000, …).</summary>
    public required string Name { get; init; }
    /// <summary>LicenseScope (ANSI).</summary>
    public string? Scope { get; init; }
    /// <summary>CompanyName (UTF-16LE).</summary>
    public string? Company { get; init; }
    /// <summary>ProductID (UTF-16LE).</summary>
    public string? ProductId { get; init; }
    /// <summary>ClientLicense size in bytes (0 when absent or empty).</summary>
    public int LicenseSize { get; init; }
    /// <summary>SHA-256 of ClientLicense, hex.</summary>
    public string? Sha256 { get; init; }
    /// <summary>The X.509 reading of ClientLicense, or null when opaque.</summary>
    public CertificateFacts? Certificate { get; init; }
    /// <summary>Where.</summary>
    public required Provenance From { get; init; }
}

/// <summary>What an X.509 certificate says.</summary>
/// <param name="Subject">Subject DN.</param>
/// <param name="Issuer">Issuer DN.</param>
/// <param name="NotBefore">Start of validity (UTC).</param>
/// <param name="NotAfter">End of validity (UTC).</param>
public sealed record CertificateFacts(string Subject, string Issuer, DateTimeOffset NotBefore, DateTimeOffset NotAfter);

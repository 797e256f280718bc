using System.Globalization;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Probes;

/// <summary>
/// The <c>cals</c> and <c>cals-match</c> rows: the key packs a license server holds (Win32_TSLicenseKeyPack,
/// learn.microsoft.com/windows/win32/termserv/win32-tslicensekeypack) and whether any of them serves this session host,
/// by CAL type (ProductType 0 per device, 1 per user) and version (Microsoft's "RDS CAL version compatibility":
/// learn.microsoft.com/windows-server/remote/remote-desktop-services/rds-client-access-license, a CAL must be of the
/// session host's Windows Server version or a later one). A pack counts only when it is not temporary
/// (KeyPackType 4), not expired and has licenses available; a match is ok only on an activated server.
/// </summary>
internal static class KeyPackChecks
{
    private const string Compatibility = "Microsoft's RDS CAL version compatibility: a CAL must be of the session host's Windows Server version or later";

    public static ProbeResult CalsRow(KeyPackList list, long elapsedMs, string? ranFrom, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (list.Call.Status != WmiAnswerStatus.Answered)
        {
            return new(ProbeCheck.Cals, ProbeOutcome.Unavailable, $"{ITSLicenseKeyPack.ClassName}: {list.Call.Reason}", elapsedMs, ranFrom);
        }
        if (list.Packs.Count == 0)
        {
            return new(ProbeCheck.Cals, ProbeOutcome.Problem, $"{ITSLicenseKeyPack.ClassName} answered: no key pack is installed, so the server can issue no permanent CAL", elapsedMs, ranFrom) { Answer = 0 };
        }
        string said = $"{ITSLicenseKeyPack.ClassName} answered: {Count(list.Packs.Count, "key pack")}: {string.Join("; ", list.Packs.Select(p => Describe(p, now)))}";
        return list.Packs.Any(p => Usable(p, now))
            ? new(ProbeCheck.Cals, ProbeOutcome.Ok, said, elapsedMs, ranFrom) { Answer = (uint)list.Packs.Count }
            : new(ProbeCheck.Cals, ProbeOutcome.Problem, $"{said}; none has a permanent CAL available", elapsedMs, ranFrom) { Answer = (uint)list.Packs.Count };
    }

    public static ProbeResult MatchRow(KeyPackList list, ProbeResult activation, LicensingSnapshot? host, long elapsedMs, string? ranFrom, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(activation);
        ProbeResult Row(ProbeOutcome outcome, string evidence) => new(ProbeCheck.CalsMatch, outcome, evidence, elapsedMs, ranFrom);
        if (host is null)
        {
            return Row(ProbeOutcome.Unavailable, "not checked: the session host's licensing mode and Windows version are unknown (no registry was read: run on the session host, or give its SYSTEM and SOFTWARE hives)");
        }
        // Said before the mode: a row that could ask nothing of the server says so first (under Wine every WMI row is unavailable).
        if (list.Call.Status != WmiAnswerStatus.Answered)
        {
            return Row(ProbeOutcome.Unavailable, "not checked: the key packs could not be read (see cals)");
        }
        uint? wanted = host.Mode.Effective switch
        {
            LicensingMode.PerDevice => 0,
            LicensingMode.PerUser => 1,
            _ => null,
        };
        if (wanted is not { } productType)
        {
            return Row(ProbeOutcome.Skipped, $"not run: the session host's licensing mode is {LicensingModes.Name(host.Mode.Effective)}, which asks for no Per User or Per Device CAL");
        }
        string type = TypeName(productType);
        if (activation.Outcome == ProbeOutcome.Problem)
        {
            return Row(ProbeOutcome.Problem, $"the server is not activated (see activation), so it issues no permanent {type} CAL");
        }
        var candidates = list.Packs.Where(p => p.ProductType == productType && Usable(p, now)).ToList();
        if (candidates.Count == 0)
        {
            return Row(ProbeOutcome.Problem, $"no {type} CAL is available on this server (the host's mode asks for {type} CALs; see cals for what is installed)");
        }
        var (hostVersion, hostWords) = WindowsServerVersion.OfSessionHost(host.Host.Build, host.Host.ProductType, host.Host.ProductName);
        if (hostVersion is not { } needed)
        {
            return Row(ProbeOutcome.Unavailable, $"{Available(candidates)} {type} CALs available, but {hostWords}: whether their version covers it cannot be verified");
        }
        var covering = candidates.Where(p => WindowsServerVersion.OfKeyPack(p.ProductVersionId) >= needed).ToList();
        var undocumented = candidates.Where(p => WindowsServerVersion.OfKeyPack(p.ProductVersionId) is null).ToList();
        if (covering.Count > 0)
        {
            string match = $"{Available(covering)} {type} CALs available for {string.Join(", ", covering.Select(p => VersionWords(p)).Distinct(StringComparer.Ordinal))}, which covers this host ({hostWords}; {Compatibility})";
            return activation.Outcome == ProbeOutcome.Ok
                ? Row(ProbeOutcome.Ok, match)
                : Row(ProbeOutcome.Unavailable, $"{match}, but whether the server is activated is unknown (see activation)");
        }
        if (undocumented.Count > 0)
        {
            return Row(ProbeOutcome.Unavailable, $"{Available(undocumented)} {type} CALs available of a version not documented ({string.Join(", ", undocumented.Select(p => VersionWords(p)).Distinct(StringComparer.Ordinal))}): whether they cover this host ({hostWords}) cannot be verified; Win32_TSLicenseKeyPack documents ProductVersionID only up to 4 (Windows Server 2012)");
        }
        return Row(ProbeOutcome.Problem, $"only {type} CALs for {string.Join(", ", candidates.Select(p => VersionWords(p)).Distinct(StringComparer.Ordinal))}, older than this host ({hostWords}; {Compatibility})");
    }

    public static bool Usable(KeyPack pack, DateTimeOffset now) =>
        pack.KeyPackType != 4 && pack.ProductType is 0 or 1 && pack.AvailableLicenses > 0 && !(pack.ExpirationDate < now);

    private static string Describe(KeyPack p, DateTimeOffset now)
    {
        string expiry = p.ExpirationDate is { } date
            ? $"expires {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{(date < now ? " (expired)" : string.Empty)}"
            : "no expiry date given";
        return string.Create(CultureInfo.InvariantCulture,
            $"#{p.KeyPackId} {TypeName(p.ProductType)}, {VersionWords(p)}, {PackKind(p.KeyPackType)}: {p.TotalLicenses} total, {p.IssuedLicenses} issued, {p.AvailableLicenses} available, {expiry}");
    }

    private static string TypeName(uint productType) => productType switch
    {
        0 => "Per Device",
        1 => "Per User",
        2 => "product type 2 (documented as not valid)",
        _ => string.Create(CultureInfo.InvariantCulture, $"product type {productType} (not documented)"),
    };

    private static string PackKind(uint keyPackType) => keyPackType switch
    {
        0 => "unknown kind",
        1 => "retail",
        2 => "volume",
        3 => "concurrent",
        4 => "temporary",
        5 => "open license",
        6 => "kind 6 (documented as not supported)",
        _ => string.Create(CultureInfo.InvariantCulture, $"kind {keyPackType} (not documented)"),
    };

    private static string VersionWords(KeyPack p)
    {
        string said = p.ProductVersion is { Length: > 0 } words ? $"; the server calls it \"{words}\"" : string.Empty;
        return WindowsServerVersion.OfKeyPack(p.ProductVersionId) is { } v
            ? string.Create(CultureInfo.InvariantCulture, $"{WindowsServerVersion.Name(v)} (ProductVersionID {p.ProductVersionId})")
            : string.Create(CultureInfo.InvariantCulture, $"version not documented (ProductVersionID {p.ProductVersionId}{said})");
    }

    private static string Available(IEnumerable<KeyPack> packs) =>
        packs.Aggregate(0L, (sum, p) => sum + p.AvailableLicenses).ToString(CultureInfo.InvariantCulture);

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? string.Empty : "s")}");
}

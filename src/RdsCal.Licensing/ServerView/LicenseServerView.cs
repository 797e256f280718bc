using System.Diagnostics;
using System.Globalization;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Probes;

namespace RdsCal.Licensing.ServerView;

/// <summary>
/// The license server's own view, the one operation behind <c>rdscal server</c> and <c>Get-RdsCalLicenseServer</c>: its
/// activation (Win32_TSLicenseServer.GetActivationStatus), its key packs (Win32_TSLicenseKeyPack), the licenses it has
/// issued (Win32_TSIssuedLicense, learn.microsoft.com/windows/win32/termserv/win32-tsissuedlicense: Per Device CALs and
/// temporary licenses, with who holds them) and whether it is in its domain's Terminal Server License Servers group
/// (IsLSinTSLSGroup, learn.microsoft.com/windows/win32/termserv/islsintslsgroup-win32-tslicenseserver). Every WMI failure
/// makes its part unavailable with the reason; off Windows every part is.
/// </summary>
public static class LicenseServerView
{
    /// <summary>The part names, in the order they are read.</summary>
    public static IReadOnlyList<string> PartNames { get; } = ["activation", "keyPacks", "issuedLicenses", "licenseServersGroup"];

    /// <summary>Reads this machine's licensing database through <paramref name="live"/> (this machine's WMI: <see cref="LiveQueries.ThisMachine()"/>).</summary>
    public static LicenseServerReport Read(LiveQueries live) => Read(live, null, null);

    /// <summary>
    /// Reads the licensing database of <paramref name="server"/> (null: this machine) through <paramref name="live"/>,
    /// whose license-server classes ask as <paramref name="account"/> (a credential's user; null: the account running rdscal).
    /// </summary>
    public static LicenseServerReport Read(LiveQueries live, string? server, string? account)
    {
        ArgumentNullException.ThrowIfNull(live);
        string here = string.IsNullOrWhiteSpace(server) ? "." : server;
        string ranAs = HereAndAccount.As(here == "." ? null : account);
        var now = DateTimeOffset.UtcNow;

        var clock = Stopwatch.StartNew();
        var activation = WmiChecks.ActivationRow(live.LicenseServer.GetActivationStatus(here), clock.ElapsedMilliseconds, null);

        clock.Restart();
        var packs = live.KeyPacks.GetKeyPacks(here);
        var packsRow = KeyPackChecks.CalsRow(packs, clock.ElapsedMilliseconds, null, now);

        clock.Restart();
        var issued = live.IssuedLicenses.GetIssuedLicenses(here);
        var issuedPart = IssuedPart(issued, clock.ElapsedMilliseconds, now);

        clock.Restart();
        var group = GroupPart(live.LicenseServer.IsLSinTSLSGroup(here, string.Empty), clock.ElapsedMilliseconds);

        return new LicenseServerReport(
            here == "." ? Environment.MachineName : here,
            ranAs,
            [new(PartNames[0], activation.Outcome, activation.Evidence, activation.ElapsedMs), new(PartNames[1], packsRow.Outcome, packsRow.Evidence, packsRow.ElapsedMs), issuedPart, group],
            [.. packs.Packs.Select(Installed)],
            [.. issued.Licenses.Select(Issued)]);
    }

    // Answered is ok: the part reports what was issued. Temporary licenses are what a first connection gets before
    // its permanent CAL (learn.microsoft.com/windows-server/remote/remote-desktop-services/rds-client-access-license).
    internal static LicenseServerPart IssuedPart(IssuedLicenseList list, long elapsedMs, DateTimeOffset now)
    {
        if (list.Call.Status != WmiAnswerStatus.Answered)
        {
            return new(PartNames[2], ProbeOutcome.Unavailable, $"{ITSIssuedLicense.ClassName}: {list.Call.Reason}", elapsedMs);
        }
        if (list.Licenses.Count == 0)
        {
            return new(PartNames[2], ProbeOutcome.Ok, $"{ITSIssuedLicense.ClassName} answered: no license has been issued (Per User CALs are not issued as licenses here: they are tracked in AD)", elapsedMs);
        }
        var byStatus = list.Licenses.GroupBy(l => StatusWord(l.LicenseStatus)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}"));
        int clients = list.Licenses.Select(l => l.IssuedToComputer ?? l.HardwareId ?? string.Empty).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        int expired = list.Licenses.Count(l => l.ExpirationDate < now);
        string said = string.Create(CultureInfo.InvariantCulture,
            $"{ITSIssuedLicense.ClassName} answered: {Count(list.Licenses.Count, "license")} issued to {Count(clients, "client")} ({string.Join(", ", byStatus)}){(expired > 0 ? $"; {expired} past their expiry date" : string.Empty)}");
        return new(PartNames[2], ProbeOutcome.Ok, said, elapsedMs);
    }

    internal static LicenseServerPart GroupPart(WmiAnswer answer, long elapsedMs)
    {
        const string Call = "IsLSinTSLSGroup(\"\") (the license server's own domain)";
        if (answer.Status != WmiAnswerStatus.Answered || answer.Value is not { } value)
        {
            return new(PartNames[3], ProbeOutcome.Unavailable, $"{answer.Class}.{answer.Method}: {answer.Reason ?? "answered without a value"}", elapsedMs);
        }
        return value switch
        {
            1 => new(PartNames[3], ProbeOutcome.Ok, $"{Call} returned true: the license server is in the domain's Terminal Server License Servers group", elapsedMs),
            0 => new(PartNames[3], ProbeOutcome.Problem, $"{Call} returned false: the license server is not in the domain's Terminal Server License Servers group, which per-user CAL tracking and reporting need", elapsedMs),
            _ => new(PartNames[3], ProbeOutcome.Unavailable, string.Create(CultureInfo.InvariantCulture, $"{Call} returned {value}, not a boolean"), elapsedMs),
        };
    }

    internal static InstalledKeyPack Installed(KeyPack p) => new(
        p.KeyPackId,
        p.ProductType,
        p.ProductType switch { 0 => "perDevice", 1 => "perUser", 2 => "notValid", _ => "undocumented" },
        p.KeyPackType,
        p.KeyPackType switch { 0 => "unknown", 1 => "retail", 2 => "volume", 3 => "concurrent", 4 => "temporary", 5 => "open", 6 => "notSupported", _ => "undocumented" },
        p.ProductVersionId,
        WindowsServerVersion.OfKeyPack(p.ProductVersionId) is { } v ? WindowsServerVersion.Name(v) : null,
        p.ProductVersion,
        p.TotalLicenses,
        p.IssuedLicenses,
        p.AvailableLicenses,
        p.ExpirationDate);

    internal static IssuedCal Issued(IssuedLicense l) =>
        new(l.LicenseId, l.KeyPackId, l.LicenseStatus, StatusWord(l.LicenseStatus), l.IssuedToComputer, l.IssuedToUser, l.HardwareId, l.IssueDate, l.ExpirationDate);

    // learn.microsoft.com/windows/win32/termserv/win32-tsissuedlicense, LicenseStatus.
    private static string StatusWord(uint status) => status switch
    {
        0 => "unknown",
        1 => "temporary",
        2 => "active",
        3 => "upgrade",
        4 => "revoked",
        5 => "pending",
        6 => "concurrent",
        _ => "undocumented",
    };

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? string.Empty : "s")}");
}

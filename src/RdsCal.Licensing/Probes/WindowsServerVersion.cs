using System.Globalization;

namespace RdsCal.Licensing.Probes;

/// <summary>
/// The Windows Server versions a CAL and a session host are compared by, in release order, and how rdscal learns each
/// side's: a session host's from its build number, a key pack's from Win32_TSLicenseKeyPack.ProductVersionID.
/// </summary>
internal static class WindowsServerVersion
{
    // Release order; the names are those of Microsoft's compatibility table and the key pack documentation.
    public const int Server2008 = 1;
    public const int Server2008R2 = 2;
    public const int Server2012 = 3;
    public const int Server2016 = 4;
    public const int Server2019 = 5;
    public const int Server2022 = 6;
    public const int Server2025 = 7;

    public static string Name(int version) => version switch
    {
        Server2008 => "Windows Server 2008",
        Server2008R2 => "Windows Server 2008 R2",
        Server2012 => "Windows Server 2012 (and 2012 R2)",
        Server2016 => "Windows Server 2016",
        Server2019 => "Windows Server 2019",
        Server2022 => "Windows Server 2022",
        Server2025 => "Windows Server 2025",
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "not a Windows Server version rdscal knows"),
    };

    /// <summary>
    /// The session host's version from its build (HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\CurrentBuild), or
    /// null with the reason. Only the Long-Term Servicing builds that are the rows of Microsoft's CAL compatibility table
    /// are mapped: 14393 (2016), 17763 (2019), 20348 (2022) as Microsoft's microsoft/hcsshim osversion/windowsbuilds.go
    /// names them (RS1 = LTSC2016, RS5 = LTSC2019, V21H2Server = LTSC2022; the facts file section 10 gives the first two),
    /// and 26100 (2025) [M: Windows Server 2025's build as widely reported, no Microsoft page found here]. Any other build
    /// (a client Windows, a semi-annual release) is said as unknown, so the match is unverifiable. Builds before Windows
    /// 10 (below 10000) are named by the host's own ProductName ("Windows Server 2012 R2 Standard"), which for those
    /// releases names the version the key pack documentation lists (2008, 2008 R2, 2012 with 2012 R2).
    /// </summary>
    public static (int? Version, string Words) OfSessionHost(string? build, string? productType, string? productName)
    {
        if (string.IsNullOrWhiteSpace(build))
        {
            return (null, "this host's Windows build is not known (no CurrentBuild in the SOFTWARE hive)");
        }
        if (productType is "WinNT")
        {
            return (null, $"this host is not a Windows Server (ProductType WinNT, build {build})");
        }
        if (!int.TryParse(build, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
        {
            return (null, $"this host's build \"{build}\" is not a number");
        }
        if (number < 10000)
        {
            int? older = productName switch
            {
                { } n when n.Contains("Windows Server 2012", StringComparison.OrdinalIgnoreCase) => Server2012,
                { } n when n.Contains("Windows Server 2008 R2", StringComparison.OrdinalIgnoreCase) => Server2008R2,
                { } n when n.Contains("Windows Server", StringComparison.OrdinalIgnoreCase) && n.Contains("2008", StringComparison.Ordinal) => Server2008,
                _ => null,
            };
            return older is { } o
                ? (o, $"this host runs {Name(o)} (ProductName \"{productName}\", build {build})")
                : (null, $"this host's build {build} (ProductName \"{productName}\") is not a Windows Server release rdscal can place");
        }
        int? version = number switch
        {
            14393 => Server2016,
            17763 => Server2019,
            20348 => Server2022,
            26100 => Server2025,
            _ => null,
        };
        return version is { } v
            ? (v, $"this host runs {Name(v)} (build {build})")
            : (null, $"this host's build {build} is not a Windows Server release in Microsoft's CAL compatibility table (2016, 2019, 2022, 2025)");
    }

    /// <summary>
    /// A key pack's version from ProductVersionID as Win32_TSLicenseKeyPack documents it (2 = 2008, 3 = 2008 R2,
    /// 4 = 2012), or null: the page documents no later value, so a 2016 or later CAL cannot be told from its number.
    /// </summary>
    public static int? OfKeyPack(uint productVersionId) => productVersionId switch
    {
        2 => Server2008,
        3 => Server2008R2,
        4 => Server2012,
        _ => null,
    };
}

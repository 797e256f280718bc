using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>Evidence paths spelled with the snapshot's control set.</summary>
internal static class LicensingPathsText
{
    public static string ControlSet(LicensingSnapshot s, string relative) => $"HKLM\\SYSTEM\\{s.ControlSet ?? "CurrentControlSet"}\\{relative}";

    public static string LicenseServersValue(LicensingSnapshot s) => ControlSet(s, LicensingPaths.LicenseServers) + "\\SpecifiedLicenseServers";
}

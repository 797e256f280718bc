namespace RdsCal.Live.Tests;

/// <summary>The keys the Wine suite reads back with reg.exe (Wine's spelling of HKLM\SYSTEM is "System").</summary>
internal static class LiveKeys
{
    public const string TerminalServer = @"HKLM\System\CurrentControlSet\Control\Terminal Server";
    public const string LicensingCore = TerminalServer + @"\RCM\Licensing Core";
    public const string Rcm = TerminalServer + @"\RCM";
    public const string GracePeriod = TerminalServer + @"\RCM\GracePeriod";
    public const string TermServiceParameters = @"HKLM\System\CurrentControlSet\Services\TermService\Parameters";
    public const string LicenseServers = TermServiceParameters + @"\LicenseServers";
    public const string ProductOptions = @"HKLM\System\CurrentControlSet\Control\ProductOptions";
    public const string Policy = @"HKLM\Software\Policies\Microsoft\Windows NT\Terminal Services";
    public const string MsLicensing = @"HKLM\Software\Microsoft\MSLicensing";
    public const string Timebomb = "L$RTMTIMEBOMB_1320153D-8DA3-4e8e-B27B-0D888223A588";
}

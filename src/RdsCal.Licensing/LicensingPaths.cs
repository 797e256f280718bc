namespace RdsCal.Licensing;

/// <summary>
/// Where each licensing setting lives (see docs: rds-licensing-facts.md). Control-set paths are relative to
/// the current control set; software paths to the SOFTWARE hive root.
/// </summary>
public static class LicensingPaths
{
    /// <summary>RCM key (certificates).</summary>
    public const string Rcm = @"Control\Terminal Server\RCM";
    /// <summary>Server-side licensing mode key (value <c>LicensingMode</c>).</summary>
    public const string LicensingCore = @"Control\Terminal Server\RCM\Licensing Core";
    /// <summary>Grace period key holding the timebomb value.</summary>
    public const string GracePeriod = @"Control\Terminal Server\RCM\GracePeriod";
    /// <summary>TermService parameters (an old misplaced SpecifiedLicenseServers shape lives here).</summary>
    public const string TermServiceParameters = @"Services\TermService\Parameters";
    /// <summary>The key current Windows reads <c>SpecifiedLicenseServers</c> from.</summary>
    public const string LicenseServers = @"Services\TermService\Parameters\LicenseServers";
    /// <summary>License server (TermServLicensing) parameters.</summary>
    public const string LicenseServerParameters = @"Services\TermServLicensing\Parameters";
    /// <summary>Product options (ProductType).</summary>
    public const string ProductOptions = @"Control\ProductOptions";
    /// <summary>TCP/IP parameters (the primary DNS domain hints at domain membership).</summary>
    public const string TcpipParameters = @"Services\Tcpip\Parameters";

    /// <summary>Group Policy key for Remote Desktop Services.</summary>
    public const string Policy = @"Policies\Microsoft\Windows NT\Terminal Services";
    /// <summary>The client license store.</summary>
    public const string ClientStore = @"Microsoft\MSLicensing";
    /// <summary>Server Manager's record of the RD Session Host role.</summary>
    public const string RdsRole = @"Microsoft\ServerManager\ServicingStorage\ServerComponentCache\RDS-RD-Server";
    /// <summary>Windows version information.</summary>
    public const string CurrentVersion = @"Microsoft\Windows NT\CurrentVersion";

    /// <summary>The RTM timebomb value name.</summary>
    public const string RtmTimebomb = "L$RTMTIMEBOMB_1320153D-8DA3-4e8e-B27B-0D888223A588";
    /// <summary>The beta/pre-release timebomb value name.</summary>
    public const string BetaTimebomb = "L$GracePeriodTimeBomb_1320153D-8DA3-4e8e-B27B-0D888223A588";

    /// <summary>The RCM certificate values Microsoft's fix for licensing protocol errors deletes.</summary>
    public static IReadOnlyList<string> CertificateValues { get; } = ["Certificate", "X509 Certificate", "X509 Certificate2", "X509 Certificate ID"];
}

namespace RdsCal.Licensing.Live;

/// <summary>
/// Win32_TSLicenseServer (root\cimv2 on the license server, administrators only), asked remotely. An interface so every
/// answer and failure, which only a real license server can produce, is tested with a fake.
/// </summary>
public interface ITSLicenseServer
{
    /// <summary>The WMI namespace of the class on the license server.</summary>
    public const string Namespace = @"root\cimv2";

    /// <summary>The WMI class.</summary>
    public const string ClassName = "Win32_TSLicenseServer";

    /// <summary>
    /// <c>GetActivationStatus</c> on <paramref name="server"/>: 0 activated, 1 not activated, 2 unknown; never throws for
    /// a WMI failure.
    /// </summary>
    WmiAnswer GetActivationStatus(string server);

    /// <summary>
    /// <c>IsTSinTSCGroup(tsname)</c> on <paramref name="server"/>: whether <paramref name="sessionHost"/> is in the license
    /// server's local Terminal Server Computers group (value 1 yes, 0 no); never throws for a WMI failure.
    /// </summary>
    WmiAnswer IsTSinTSCGroup(string server, string sessionHost);

    /// <summary>
    /// <c>IsLSinTSLSGroup(Domain)</c> on <paramref name="server"/>: whether the license server is in the Terminal Server
    /// License Servers group of <paramref name="domain"/> (empty: the license server's own domain); 1 yes, 0 no.
    /// </summary>
    WmiAnswer IsLSinTSLSGroup(string server, string domain);

    /// <summary>
    /// <c>IsSecureAccessAllowed(tsname)</c> on <paramref name="server"/>: whether <paramref name="sessionHost"/> may request
    /// CALs from it (the "License server security group" policy and the group membership together); 1 yes, 0 no.
    /// </summary>
    WmiAnswer IsSecureAccessAllowed(string server, string sessionHost);
}

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
}

using System.Runtime.Versioning;

namespace RdsCal.Licensing.Live;

/// <summary>Win32_TSLicenseServer on a remote license server through System.Management, as the account running rdscal.</summary>
[SupportedOSPlatform("windows")]
public sealed class WmiTSLicenseServer : ITSLicenseServer
{
    /// <inheritdoc />
    public WmiAnswer GetActivationStatus(string server)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(server);
        return WmiQueryMethod.Call(server, ITSLicenseServer.Namespace, ITSLicenseServer.ClassName, "GetActivationStatus", "ActivationStatus", []);
    }
}

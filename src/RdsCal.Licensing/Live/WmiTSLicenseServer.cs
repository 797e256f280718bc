using System.Net;
using System.Runtime.Versioning;

namespace RdsCal.Licensing.Live;

/// <summary>Win32_TSLicenseServer on a remote license server through System.Management, as the account running rdscal or the credential given.</summary>
[SupportedOSPlatform("windows")]
public sealed class WmiTSLicenseServer : ITSLicenseServer
{
    private readonly NetworkCredential? _credential;

    /// <summary>Asks as the account running rdscal.</summary>
    public WmiTSLicenseServer()
    {
    }

    /// <summary>Asks as <paramref name="credential"/> (null: the account running rdscal).</summary>
    public WmiTSLicenseServer(NetworkCredential? credential)
    {
        _credential = credential;
    }

    /// <inheritdoc />
    public WmiAnswer GetActivationStatus(string server)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(server);
        return WmiQueryMethod.Call(server, ITSLicenseServer.Namespace, ITSLicenseServer.ClassName, "GetActivationStatus", "ActivationStatus", [], _credential);
    }

    // learn.microsoft.com/windows/win32/termserv/istsintscgroup-win32-tslicenseserver: [in] string tsname, [out] boolean IsMember.
    /// <inheritdoc />
    public WmiAnswer IsTSinTSCGroup(string server, string sessionHost)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(server);
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionHost);
        return WmiQueryMethod.Call(server, ITSLicenseServer.Namespace, ITSLicenseServer.ClassName, "IsTSinTSCGroup", "IsMember", [("tsname", sessionHost)], _credential);
    }

    // learn.microsoft.com/windows/win32/termserv/islsintslsgroup-win32-tslicenseserver: [in] string Domain, [out] boolean IsMember.
    /// <inheritdoc />
    public WmiAnswer IsLSinTSLSGroup(string server, string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(server);
        ArgumentNullException.ThrowIfNull(domain);
        return WmiQueryMethod.Call(server, ITSLicenseServer.Namespace, ITSLicenseServer.ClassName, "IsLSinTSLSGroup", "IsMember", [("Domain", domain)], _credential);
    }

    // learn.microsoft.com/windows/win32/termserv/issecureaccessallowed-win32-tslicenseserver: [in] string tsname, [out] boolean Allowed.
    /// <inheritdoc />
    public WmiAnswer IsSecureAccessAllowed(string server, string sessionHost)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(server);
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionHost);
        return WmiQueryMethod.Call(server, ITSLicenseServer.Namespace, ITSLicenseServer.ClassName, "IsSecureAccessAllowed", "Allowed", [("tsname", sessionHost)], _credential);
    }
}

using RdsCal.Licensing.Live;
using RdsCal.Licensing.Plans;

namespace RdsCal.Licensing.Tests.Probes;

/// <summary>Answers the probe's WMI classes with fixed answers, recording which servers were asked.</summary>
internal sealed class FakeWmi(WmiAnswer? connectivity = null, WmiAnswer? activation = null) : ITerminalServiceSettings, ITSLicenseServer, ITSLicenseKeyPack, ITSIssuedLicense, ILicensingPipe
{
    public List<string> Asked { get; } = [];

    public KeyPackList? KeyPacks { get; init; }

    public IssuedLicenseList? Issued { get; init; }

    public PipeAnswer? PipeAnswer { get; init; }

    public DiscoveredLicenseServers? Discovery { get; init; }

    public WmiAnswer? SecureAccess { get; init; }

    public WmiAnswer? InTscGroup { get; init; }

    public WmiAnswer? InTslsGroup { get; init; }

    public static WmiAnswer Connectivity(WmiAnswerStatus status, uint? value = null, uint? returned = null, string? detail = null) =>
        new(ServiceUpdate.Namespace, ServiceUpdate.ClassName, "GetTStoLSConnectivityStatus", status, value, returned, detail);

    public static WmiAnswer Activation(WmiAnswerStatus status, uint? value = null, uint? returned = null, string? detail = null) =>
        LicenseServer("GetActivationStatus", status, value, returned, detail);

    public static WmiAnswer LicenseServer(string method, WmiAnswerStatus status, uint? value = null, uint? returned = null, string? detail = null) =>
        new(ITSLicenseServer.Namespace, ITSLicenseServer.ClassName, method, status, value, returned, detail);

    /// <summary>A boolean method that answered.</summary>
    public static WmiAnswer Said(string method, bool value) => LicenseServer(method, WmiAnswerStatus.Answered, value ? 1u : 0u, 0);

    public LiveQueries Queries => new(this, this, this, null, this, this);

    public ServiceUpdate Invoke(WmiCall call) => throw new InvalidOperationException("the probe changes nothing");

    public GracePeriodQuery GetGracePeriodDays() => throw new InvalidOperationException("the probe does not ask it");

    public WmiAnswer GetTStoLSConnectivityStatus(string server)
    {
        Asked.Add("connectivity " + server);
        return connectivity ?? Connectivity(WmiAnswerStatus.Unavailable, detail: "no fake answer");
    }

    public WmiAnswer GetActivationStatus(string server)
    {
        Asked.Add("activation " + server);
        return activation ?? Activation(WmiAnswerStatus.Unavailable, detail: "no fake answer");
    }

    public WmiAnswer IsTSinTSCGroup(string server, string sessionHost)
    {
        Asked.Add($"IsTSinTSCGroup {server} {sessionHost}");
        return InTscGroup ?? LicenseServer("IsTSinTSCGroup", WmiAnswerStatus.Unavailable, detail: "no fake answer");
    }

    public WmiAnswer IsLSinTSLSGroup(string server, string domain)
    {
        Asked.Add($"IsLSinTSLSGroup {server} {domain}");
        return InTslsGroup ?? LicenseServer("IsLSinTSLSGroup", WmiAnswerStatus.Unavailable, detail: "no fake answer");
    }

    public WmiAnswer IsSecureAccessAllowed(string server, string sessionHost)
    {
        Asked.Add($"IsSecureAccessAllowed {server} {sessionHost}");
        return SecureAccess ?? LicenseServer("IsSecureAccessAllowed", WmiAnswerStatus.Unavailable, detail: "no fake answer");
    }

    public KeyPackList GetKeyPacks(string server)
    {
        Asked.Add("key packs " + server);
        return KeyPacks ?? KeyPackList.Failed(WmiAnswerStatus.Unavailable, "no fake answer");
    }

    public IssuedLicenseList GetIssuedLicenses(string server)
    {
        Asked.Add("issued licenses " + server);
        return Issued ?? IssuedLicenseList.Failed(WmiAnswerStatus.Unavailable, "no fake answer");
    }

    public PipeAnswer Open(string server, TimeSpan timeout)
    {
        Asked.Add("pipe " + server);
        return PipeAnswer ?? new PipeAnswer(PipeStatus.Unavailable, "no fake answer");
    }

    public DiscoveredLicenseServers FindLicenseServers()
    {
        Asked.Add("FindLicenseServers");
        return Discovery ?? DiscoveredLicenseServers.Failed(WmiAnswerStatus.Unavailable, "no fake answer");
    }
}

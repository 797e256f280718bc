using RdsCal.Licensing.Live;
using RdsCal.Licensing.Plans;

namespace RdsCal.Licensing.Tests.Probes;

/// <summary>Answers both probe WMI classes with fixed answers, recording which servers were asked.</summary>
internal sealed class FakeWmi(WmiAnswer? connectivity = null, WmiAnswer? activation = null) : ITerminalServiceSettings, ITSLicenseServer
{
    public List<string> Asked { get; } = [];

    public static WmiAnswer Connectivity(WmiAnswerStatus status, uint? value = null, uint? returned = null, string? detail = null) =>
        new(ServiceUpdate.Namespace, ServiceUpdate.ClassName, "GetTStoLSConnectivityStatus", status, value, returned, detail);

    public static WmiAnswer Activation(WmiAnswerStatus status, uint? value = null, uint? returned = null, string? detail = null) =>
        new(ITSLicenseServer.Namespace, ITSLicenseServer.ClassName, "GetActivationStatus", status, value, returned, detail);

    public LiveQueries Queries => new(this, this);

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
}

using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS004: Per User mode on a host that is in a workgroup (SECURITY says so) or whose membership is unknown.</summary>
public sealed class PerUserWorkgroupRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.PerUserWorkgroup;
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "Per User licensing on a host that is not (or may not be) in a domain";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.SessionHost;
    /// <inheritdoc />
    public override string Remedy => RemedyText.ToString();
    /// <inheritdoc />
    public override RemedyText RemedyText => RemedyTargets.Prefix(AppliesTo)
        + RemedyText.Of($"Microsoft does not permit Per User CALs for workgroup servers: in a workgroup switch to Per Device ('{Mentions.SetMode(LicensingMode.PerDevice)}') and install Per Device CALs on the license server, or join the host and the license server to a domain.");
    /// <inheritdoc />
    public override RemedyAction Action => RemedyAction.SetMode(LicensingMode.PerDevice);
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps => [.. StepTexts.Select(s => s.ToString())];
    /// <inheritdoc />
    public override IReadOnlyList<RemedyText> StepTexts =>
    [
        RemedyText.Of($"Check the host's domain membership: give rdscal the SECURITY hive ('{Mentions.InputSwitches(StatusInputs.Security)}'), or on the host run 'systeminfo | findstr Domain'."),
        RemedyText.Of($"In a workgroup, on the RD Session Host: '{Mentions.SetMode(LicensingMode.PerDevice)}'; on the license server: install Per Device CALs."),
        RemedyText.Plain($"In a domain, make sure the license server can write the users' Per User attributes (see {RuleCode.PerUserAdAttributes})."),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.LicenseSessionHosts("'If you use workgroup servers for your RDS deployment, you have to use Per Device CALs. In that case, Per User CALs are not permitted.'"),
        LearnPages.PrimaryDomainInfo("the LSA policy's primary domain is a name and a SID; that SECURITY\\Policy\\PolPrDmN/PolPrDmS store it, and that an empty SID means a workgroup, is observed in a real SECURITY hive of a workgroup machine (regipy test data), not documented by Microsoft"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SECURITY\Policy\PolPrDmN", @"HKLM\SECURITY\Policy\PolPrDmS", @"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters\Domain"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var host = snapshot.Host;
        if (snapshot.Mode.Effective != LicensingMode.PerUser || host.IsDomainJoined == true)
        {
            yield break;
        }
        string mode = $"{snapshot.Mode.From?.Path} = {snapshot.Mode.Raw}";
        string hint = $"{LicensingPathsText.ControlSet(snapshot, LicensingPaths.TcpipParameters)}\\Domain = {(host.Domain is null ? "(unknown)" : host.Domain.Length == 0 ? "(empty)" : host.Domain)} (a DNS suffix: a hint only, not membership)";
        if (host.Membership is { Joined: false } m)
        {
            yield return Found($"The mode is Per User but the host is in workgroup '{m.Name}': Microsoft does not permit Per User CALs for workgroup servers.",
                mode, $"{m.From.Path} = {m.Name}; PolPrDmS has no domain SID");
            yield break;
        }
        yield return Found(Severity.Info, RemedyText.Of($"The mode is Per User and the host's domain membership is unknown (give {Mentions.InputSwitches(StatusInputs.Security, values: true)} to read it): Per User CALs are not permitted for workgroup servers."),
            mode, hint);
    }
}

using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>
/// RDS023: found from the event log only: the session host logs that it got no licence from a license server (grace
/// period ended or ending, a client licence not renewed, a server it could not contact or that is too old) while its
/// registry names a license server, so no session host setting explains it and the cause is on the license server
/// side or on the way to it.
/// </summary>
public sealed class ServerSideEventsRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.ServerSideEvents;
    /// <inheritdoc />
    public override Severity Severity => Severity.Error;
    /// <inheritdoc />
    public override string Title => "The session host logs licensing failures although a license server is configured";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.LicenseServer;
    /// <inheritdoc />
    public override string Remedy => RemedyText.ToString();
    /// <inheritdoc />
    public override RemedyText RemedyText => RemedyTargets.Prefix(AppliesTo)
        + RemedyText.Of($"find which of the server-side causes it is: the server unreachable from the session host ({RuleCode.LicenseServerUnreachable.ToString()}), not activated ({RuleCode.LicenseServerNotActivated.ToString()}), or without available CALs of the host's mode and version ({RuleCode.NoCalsForMode.ToString()}); '{Mentions.ProbeLicenseServers}' on the RD Session Host asks each of these.");
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "On the RD Session Host, run the RD Licensing Diagnoser (lsdiag.msc), or probe the configured license servers from there: name resolution, TCP 135, activation and CALs.",
        "On the license server, open Remote Desktop Licensing Manager: the server must be activated (green check mark) and hold available CALs of the host's mode (Per User or Per Device) and of a version the host accepts.",
        "On the license server, check that the Remote Desktop Licensing service is running and reachable from the session host (firewalls, RPC).",
        "On the RD Session Host, read the events again after the fix: the grace-period events must stop.",
    ];
    /// <inheritdoc />
    public override string HowToTell =>
        "The session host's registry names a license server, yet its log holds 1128/50280 (grace period expired), 1129/50281 (about to expire), 1028/50180 (licence not renewed), 1131/50283 (could not contact the server) or 1132/50284 (server too old): with the server setting in place, the server side is what remains. A probe that names the cause turns this into that cause's finding.";
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.AzureNoLicenseServer("the causes of 'no license server available' besides no server configured: the server never activated, no CALs or too few, CALs not configured properly, port 135 not reachable"),
        LearnPages.NoLicenseServersAvailable("the Diagnoser's messages for an unavailable or unactivated license server"),
        LearnPages.Event1028("event 1028: the RD Session Host must be able to contact a license server, and its mode must match the type of RDS CALs available on it"),
        LearnPages.ClientAccessLicenses("the license server's version must be equal to or higher than the session host's (event 1132)"),
        LearnPages.TermsrvMessageTable("the texts of 1128/50280, 1129/50281, 1028/50180, 1131/50283 and 1132/50284"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SYSTEM\CurrentControlSet\Services\TermService\Parameters\LicenseServers\SpecifiedLicenseServers", @"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\LicenseServers"];
    /// <inheritdoc />
    public override bool DetectableOffline => false;

    /// <summary>Found from the event log, not the registry: <see cref="Events.EventFindings"/> makes its findings.</summary>
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot) => [];
}

using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS019: explain-only: the session host cannot reach its license server.</summary>
public sealed class LicenseServerUnreachableRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.LicenseServerUnreachable;
    /// <inheritdoc />
    public override Severity Severity => Severity.Error;
    /// <inheritdoc />
    public override string Title => "The RD Session Host cannot reach its license server";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.SessionHost;
    /// <inheritdoc />
    public override string Remedy => RemedyTargets.Prefix(AppliesTo)
        + "restore connectivity to the license server (name resolution, RPC on TCP 135 and the dynamic RPC ports, firewalls); on the license server, make sure the Remote Desktop Licensing service is running.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "On the RD Session Host, run the RD Licensing Diagnoser (lsdiag.msc): it reports 'License server <name> is not available' for a server it cannot reach.",
        "On the RD Session Host, test the RPC endpoint mapper: 'Test-NetConnection <license server> -Port 135' (Microsoft's article uses 'telnet <server> 135').",
        "On the license server, check that the Remote Desktop Licensing service (TermServLicensing) is running.",
        "Fix name resolution, routing or firewall rules between the two, then run the Diagnoser again.",
    ];
    /// <inheritdoc />
    public override string HowToTell =>
        "A license server is configured, but the Diagnoser says 'License server <name> is not available' and a TCP test to port 135 from the session host fails (or the licensing service is stopped on the server).";
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.NoLicenseServersAvailable("the Diagnoser message 'License server <computer name> is not available. This could be caused by network connectivity problems, the Remote Desktop Licensing service is stopped on the license server, or RD Licensing isn't available.'"),
        LearnPages.AzureNoLicenseServer("test the connectivity to port 135 between the host and the license server"),
        LearnPages.Event1028("event 1028: the RD Session Host must be able to contact a license server; Microsoft's steps: Licensing Diagnosis on the host, then network connectivity and discovery configuration between host and license server"),
        LearnPages.CalAvailabilityMonitor("for event 1028: the RD Session Host must be able to contact a license server, and its mode must match the CALs available"),
        LearnPages.SetErrorInfoPdu("the client is told 'A Remote Desktop License Server could not be found to provide a license' (0x101) or 'The Client Access License stored by the client could not be upgraded or renewed' (0x109), shown by the connecting client"),
        LearnPages.TermsrvMessageTable("events 1128/50280 'The RD Licensing grace period has expired and the service has not registered with a license server with installed licenses' and 1131/50283 'could not contact the Remote Desktop license server %1'"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [1128, 50280, 1129, 50281, 1131, 50283, 1028, 50180];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages =>
    [
        "License server <name> is not available",
        "because its license could not be renewed",
        "could not contact the Remote Desktop license server <name>",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> ClientMessages =>
    [
        "A Remote Desktop License Server could not be found to provide a license",
        "The Client Access License stored by the client could not be upgraded or renewed",
    ];

    /// <inheritdoc />
    public override bool DetectableOffline => false;

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot) => [];
}

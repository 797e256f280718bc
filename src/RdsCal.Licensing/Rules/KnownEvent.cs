namespace RdsCal.Licensing.Rules;

/// <summary>A Windows event ID rdscal can explain: where it is logged, what it means, and the sources for that meaning. Its causes are the rules that list its ID.</summary>
/// <param name="Id">The event ID.</param>
/// <param name="LoggedOn">The machine and log that record it.</param>
/// <param name="Meaning">What it means, as far as the sources say.</param>
/// <param name="Sources">Where the meaning comes from, with how firm it is.</param>
public sealed record KnownEvent(int Id, string LoggedOn, string Meaning, IReadOnlyList<RuleSource> Sources);

/// <summary>The events rdscal explains.</summary>
public static class KnownEvents
{
    private const string Rcm = "the RD Session Host, log Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin";
    private const string Licensing = "the license server, System log and Microsoft-Windows-TerminalServices-Licensing/Operational";

    /// <summary>Every known event, by ID.</summary>
    public static IReadOnlyList<KnownEvent> All { get; } =
    [
        new(1003, Rcm, "A connecting client presented an invalid license. The license store to fix is on that client (the event names it), not on the session host.",
            [LearnPages.RemoveClientLicenses("the client license cache is on the client; deleting it makes the client get a new license"), LearnPages.FactsFile("1003 = EVENT_INVALID_LICENSE, remedy: the client's MSLicensing, then the server certificate values [H: TechNet cc775262]")]),
        new(1004, Rcm, "The session host cannot issue a client license: a licensing mode that does not match the CALs available, or damaged licensing certificate values.",
            [LearnPages.FactsFile("1004 = EVENT_CANNOT_ISSUE_LICENSE: mode/CAL mismatch, encryption level, or a corrupt certificate [H: TechNet cc775148]"), LearnPages.NoLicenseServersAvailable("refreshing the X509 certificate values for licensing security errors")]),
        new(1028, Rcm, "A client's license could not be renewed. The fix is on the session host and the license server: the host must reach a license server, and its mode must match the CAL type available. Resetting the client's cache does not fix it.",
            [LearnPages.CalAvailabilityMonitor("event 1028: the host must be able to contact a license server, and its licensing mode must match the type of CALs available"), LearnPages.FactsFile("1028 = EVENT_EXPIRED_PERMANENT_LICENSE [H: TechNet cc775153 / ee890984]")]),
        new(1068, Rcm, "The RD Licensing mode has not been configured.",
            [LearnPages.FactsFile("[M: detection-wiki event list]")]),
        new(1069, Rcm, "The grace period has expired and the licensing mode is not configured: connections are refused.",
            [LearnPages.FactsFile("1069 = EVENT_LICENSING_MODE_NOT_CONFIGURED_PAST_GRACE_PERIOD [H: TechNet ee891144]")]),
        new(1128, Rcm, "The RD Licensing grace period has ended and the host has not registered with a license server that has licenses installed. Four causes share it: no license server specified, the server unreachable, the server not activated, no CALs of the mode in use.",
            [LearnPages.FactsFile("the message text [M: as quoted by several admin sources; not confirmed on a Microsoft page]"), LearnPages.AzureNoLicenseServer("the causes of 'no license server available': never a licensing server, never activated, no CALs or too few, CALs not configured properly")]),
        new(1130, Rcm, "No Remote Desktop license server is specified for the session host.",
            [LearnPages.FactsFile("[M: one public issue shows the text with raw event ID 50282 = 0xC46A, whose low 16 bits are 1130]")]),
        new(4105, Licensing, "The license server cannot update the Per User CAL attributes of users in Active Directory.",
            [LearnPages.FactsFile("[H: KB 2030310]"), LearnPages.LicenseAttributesNotUpdated("msTS* attributes not updated")]),
        new(75, Licensing, "The license server's computer account could not be added to the 'Terminal Server License Servers' group.",
            [LearnPages.FactsFile("[H: TechNet cc775316]")]),
        new(4141, Licensing, "The license server refused a session host that is not in its 'Terminal Server Computers' group while the license server security group policy is on.",
            [LearnPages.SecurityGroupPolicy("the policy restricts the license server to hosts in Terminal Server Computers"), LearnPages.FactsFile("4141 = TLS_E_LICENSE_ISSUANCE_ACCESS_DENIED [H: TechNet ee891262]")]),
    ];

    /// <summary>The event with this ID, or null.</summary>
    public static KnownEvent? Find(int id) => All.FirstOrDefault(e => e.Id == id);
}

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
            [LearnPages.Event1003("EVENT_INVALID_LICENSE, 'The terminal service client '%1' has provided an invalid license'; delete MSLicensing on the client computer and restart it; if that does not help, delete the certificate values on the terminal server"), LearnPages.RemoveClientLicenses("the client license cache is on the client; deleting it makes the client get a new license")]),
        new(1004, Rcm, "The session host cannot issue a client license. Microsoft names three causes: a licensing mode that does not match the type of CALs installed on the license server, RDP encryption levels that the session host and the client do not share, or a corrupted certificate on the session host.",
            [LearnPages.Event1004("EVENT_CANNOT_ISSUE_LICENSE and its three causes: mode/CAL type mismatch, incompatible RDP encryption levels, a corrupted certificate on the terminal server"), LearnPages.NoLicenseServersAvailable("refreshing the X509 certificate values on each RD Session Host for licensing security errors")]),
        new(1028, Rcm, "A client's license could not be renewed. Microsoft's fix is on the session host and the license server: the host must reach a license server, and its mode must match the CAL type available. Microsoft's page does not mention the client's license cache for this event.",
            [LearnPages.Event1028("EVENT_EXPIRED_PERMANENT_LICENSE, 'The remote session could not be established from remote desktop client %1 because its license could not be renewed'; the RD Session Host must be able to contact a license server, and its licensing mode must match the type of RDS CALs available on it"), LearnPages.CalAvailabilityMonitor("the same knowledge, as carried in the Windows Server 2016 RDS management pack")]),
        new(1068, Rcm, "The RD Licensing mode has not been configured.",
            [LearnPages.FactsFile("[M: detection-wiki event list]")]),
        new(1069, Rcm, "The grace period has expired and the licensing mode is not configured. After the grace period clients need a valid RDS CAL to log on, so connections fail until the mode is set on the session host.",
            [LearnPages.Event1069("EVENT_LICENSING_MODE_NOT_CONFIGURED_PAST_GRACE_PERIOD, 'The RD Licensing grace period has expired and Licensing mode for the Remote Desktop Session Host server has not been configured'; after the grace period clients must receive a valid RDS CAL before they can log on; the fix is to set the mode on the RD Session Host")]),
        new(1128, Rcm, "The RD Licensing grace period has ended and the host has not registered with a license server that has licenses installed. Four causes share it: no license server specified, the server unreachable, the server not activated, no CALs of the mode in use.",
            [LearnPages.FactsFile("the event ID and its message text are unverified: [L] in the facts file's event table (from memory), [M] in its notes (the wording as quoted by admin sources); no Microsoft page with event 1128 was found"), LearnPages.AzureNoLicenseServer("the causes of 'no license server available': never a licensing server, never activated, no CALs or too few, CALs not configured properly")]),
        new(1130, Rcm, "No Remote Desktop license server is specified for the session host.",
            [LearnPages.FactsFile("[M: one public issue shows the text with raw event ID 50282 = 0xC46A, whose low 16 bits are 1130]")]),
        new(4105, Licensing, "The license server cannot update the Per User CAL attributes of users in Active Directory.",
            [LearnPages.FactsFile("[H: KB 2030310 (read here in its Japanese edition): the license server's computer account must be in the domain's Terminal Server License Servers group]"), LearnPages.LicenseAttributesNotUpdated("msTS* attributes not updated")]),
        new(75, Licensing, "The license server's computer account could not be added to the 'Terminal Server License Servers' group in Active Directory, so Per User CAL tracking and reporting cannot work.",
            [LearnPages.Event75("TLS_E_LS_ADDTO_AD; add the license server's computer account to the Terminal Server License Servers group in AD DS (and the Network Service account when the license server is a domain controller), then restart the licensing service on the license server")]),
        new(4141, Licensing, "The license server refused a session host that is not in its 'Terminal Server Computers' group while the license server security group policy is on.",
            [LearnPages.Event4141("TLS_E_LICENSE_ISSUANCE_ACCESS_DENIED, 'A license could not be issued to \"%1\" because it is not a member of the Terminal Server Computers group'; add the RD Session Host's computer account to that local group on the license server"), LearnPages.SecurityGroupPolicy("the policy restricts the license server to hosts in Terminal Server Computers")]),
    ];

    /// <summary>The event with this ID, or null.</summary>
    public static KnownEvent? Find(int id) => All.FirstOrDefault(e => e.Id == id);
}

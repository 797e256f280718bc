using System.Globalization;
using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Events;

/// <summary>
/// The licensing events rdscal explains, in both of Windows' numberings: up to Windows Server 2016 the session host logs
/// classic events (1128, qualifiers 0xC000, System log); from build 17134 the same messages are manifest events whose id is
/// 0xC000 plus the old one (50280) in the RemoteConnectionManager Admin channel. Message texts are termsrv.dll's own.
/// </summary>
public static class EventCatalog
{
    /// <summary>The session host's Remote Connection Manager, which logs its licensing events.</summary>
    public const string RcmProvider = "Microsoft-Windows-TerminalServices-RemoteConnectionManager";

    /// <summary>The license server's licensing service.</summary>
    public const string LicensingProvider = "Microsoft-Windows-TerminalServices-Licensing";

    /// <summary>The RCM Admin channel.</summary>
    public const string RcmAdmin = RcmProvider + "/Admin";

    /// <summary>The RCM Operational channel.</summary>
    public const string RcmOperational = RcmProvider + "/Operational";

    /// <summary>The classic System log.</summary>
    public const string System = "System";

    private const int ClassicQualifiers = 0xC000;

    private static LicensingEvent Classic(int id, int modern, string message, string meaning, params RuleSource[] sources) =>
        new(id, RcmProvider, System, RemedyTarget.SessionHost, message, meaning, sources)
        {
            Era = EventEra.BeforeBuild17134,
            SameMessageAs = modern,
            Qualifiers = ClassicQualifiers,
            EventSourceName = "TermService",
        };

    private static LicensingEvent Modern(LicensingEvent classic, params RuleSource[] extra) =>
        classic with
        {
            Id = classic.SameMessageAs!.Value,
            Channel = RcmAdmin,
            Era = EventEra.Build17134AndLater,
            SameMessageAs = classic.Id,
            Qualifiers = null,
            EventSourceName = null,
            Sources = [.. classic.Sources.Where(s => !s.Url.Contains("technet.microsoft.com", StringComparison.Ordinal) && !s.Url.Contains("previous-versions", StringComparison.Ordinal)), .. extra],
        };

    private static RuleSource Table(int id, int? twin = null) =>
        LearnPages.TermsrvMessageTable(twin is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"the text of {id} (message 0x{(id > 0xC000 ? 0xB0000000 | (uint)id : 0xC0000000 | (uint)id):X8}); {Math.Max(id, t)} = 0xC000 + {Math.Min(id, t)} = 0x{Math.Max(id, t):X4}, the same message from build 17134")
            : string.Create(CultureInfo.InvariantCulture, $"the text of event {id} in termsrv.dll's own words"));

    private static readonly LicensingEvent GraceExpired = Classic(1128, 50280,
        "The RD Licensing grace period has expired and the service has not registered with a license server with installed licenses. A RD Licensing server is required for continuous operation. A Remote Desktop Session Host server can operate without a license server for 120 days after initial start up.",
        "The grace period has ended and the host has not registered with a license server that has licenses installed. Four causes share it: no license server specified, the server unreachable, the server not activated, no CALs of the mode in use.",
        Table(1128, 50280), LearnPages.AzureNoLicenseServer("the causes of 'no license server available': never a licensing server, never activated, no CALs or too few, CALs not configured properly"));

    private static readonly LicensingEvent GraceEnding = Classic(1129, 50281,
        "The RD Licensing grace period is about to expire on %1 and the service has not registered with a license server with installed licenses. A RD Licensing server is required for continuous operation. A Remote Desktop Session Host server can operate without a license server for 120 days after initial start up.",
        "The grace period ends on the date given and the host has not yet registered with a license server that has licenses: the same causes as 1128, before connections are refused.",
        Table(1129, 50281));

    private static readonly LicensingEvent NoServerSpecified = Classic(1130, 50282,
        "The Remote Desktop Session Host server does not have a Remote Desktop license server specified. To specify a license server for the Remote Desktop Session Host server, use the Remote Desktop Session Host Configuration tool.",
        "No Remote Desktop license server is specified for the session host.",
        Table(1130, 50282)) with
    { Level = "Warning" };

    private static readonly LicensingEvent ServerUnreachable = Classic(1131, 50283,
        "The Remote Desktop Session Host server could not contact the Remote Desktop license server %1. Ensure that the Remote Desktop Licensing service is running on the license server, that the license server is accepting network requests, and that the license server is registered in WINS and DNS.",
        "The session host could not reach the license server named in the event.",
        Table(1131, 50283));

    private static readonly LicensingEvent VersionNotSupported = Classic(1132, 50284,
        "The Remote Desktop license server %1 does not support the version of the operating system running on the Remote Desktop Session Host server.",
        "The license server is older than the session host's Windows: a license server must run the same or a later Windows Server version than the hosts it serves. No registry setting on the session host causes it.",
        Table(1132, 50284), LearnPages.ClientAccessLicenses("the license server's version must be equal to or higher than the session host's"));

    private static readonly LicensingEvent CertificateInvalid = Classic(1133, 50285,
        "The certificate issued by the Remote Desktop license server to the Remote Desktop Session Host server is not valid. The license server will not issue Remote Desktop Services client access licenses to clients connecting to the Remote Desktop Session Host server. To resolve this issue, delete the certificate on the Remote Desktop Session Host server and then restart the Remote Desktop Services service.",
        "The licensing certificate the session host holds is not valid; Windows' own text says to delete it on the session host and restart the Remote Desktop Services service.",
        Table(1133, 50285));

    private static readonly LicensingEvent LicenseNotRenewed = Classic(1028, 50180,
        "The remote session could not be established from remote desktop client %1 because its license could not be renewed.",
        "A client's license could not be renewed. Microsoft's fix is on the session host and the license server: the host must reach a license server, and its mode must match the CAL type available. Microsoft's page does not mention the client's license cache for this event.",
        Table(1028, 50180),
        LearnPages.Event1028("EVENT_EXPIRED_PERMANENT_LICENSE; the RD Session Host must be able to contact a license server, and its licensing mode must match the type of RDS CALs available on it"),
        LearnPages.CalAvailabilityMonitor("the same knowledge, as carried in the Windows Server 2016 RDS management pack"));

    private static readonly LicensingEvent NotInEndpointGroup = Classic(1043, 50195,
        "The Remote Desktop Session Host server cannot communicate with the Remote Desktop license server %1. Ensure that the computer account for the Remote Desktop Session Host server is a member of the RDS Endpoint Servers group on the license server.",
        "The license server refuses this session host because its computer account is not in the license server's local 'RDS Endpoint Servers' group (called 'Terminal Server Computers' in older Windows), which matters when the 'License server security group' policy is on.",
        Table(1043, 50195), LearnPages.PolicyCspTerminalServer("TS_LICENSE_SECGROUP: with the policy on, the license server answers only session hosts in its RDS Endpoint Servers group"));

    private static readonly LicensingEvent AdLookupFailed = Classic(1061, 50213,
        "Remote Desktop Session Host server was unable to retrieve users Licensing information from AD. Error %1",
        "The session host could not read a user's Per User licensing information from Active Directory; the error code says why.",
        Table(1061, 50213));

    /// <summary>Every event rdscal explains, classic ids first, then their build-17134 twins, then the rest.</summary>
    public static IReadOnlyList<LicensingEvent> All { get; } =
    [
        new(1003, RcmProvider, RcmOperational, RemedyTarget.SessionHost, "The remote desktop client '%1' has provided an invalid license.",
            "A connecting client presented an invalid license. The license store to fix is on that client (the event names it), not on the session host.",
            [Table(1003), LearnPages.Event1003("EVENT_INVALID_LICENSE; delete MSLicensing on the client computer and restart it; if that does not help, delete the certificate values on the terminal server"),
             LearnPages.RemoveClientLicenses("the client license cache is on the client; deleting it makes the client get a new license"),
             LearnPages.SourceNotes("event-ids", "the Operational channel, from a list derived from the provider's manifest [M]")]),
        new(1004, RcmProvider, RcmOperational, RemedyTarget.SessionHost, "The Remote Desktop Session Host server cannot issue a client license.  It was unable to issue the license due to a changed (mismatched) client license, insufficient memory, or an internal error. Further details for this problem may have been reported at the client's computer.",
            "The session host cannot issue a client license. Microsoft names three causes: a licensing mode that does not match the type of CALs installed on the license server, RDP encryption levels that the session host and the client do not share, or a corrupted certificate on the session host.",
            [Table(1004), LearnPages.Event1004("EVENT_CANNOT_ISSUE_LICENSE and its three causes: mode/CAL type mismatch, incompatible RDP encryption levels, a corrupted certificate on the terminal server"),
             LearnPages.NoLicenseServersAvailable("refreshing the X509 certificate values on each RD Session Host for licensing security errors"),
             LearnPages.SourceNotes("event-ids", "the Operational channel, from a list derived from the provider's manifest [M]")]),
        new(1068, RcmProvider, RcmAdmin, RemedyTarget.SessionHost, "The RD Licensing mode has not been configured.",
            "The RD Licensing mode has not been configured on the session host.", [Table(1068)]),
        new(1069, RcmProvider, RcmAdmin, RemedyTarget.SessionHost, "The RD Licensing grace period has expired and Licensing mode for the Remote Desktop Session Host server has not been configured. Licensing mode must be configured for continuous operation.",
            "The grace period has expired and the licensing mode is not configured. After the grace period clients need a valid RDS CAL to log on, so connections fail until the mode is set on the session host.",
            [Table(1069), LearnPages.Event1069("EVENT_LICENSING_MODE_NOT_CONFIGURED_PAST_GRACE_PERIOD; after the grace period clients must receive a valid RDS CAL before they can log on; the fix is to set the mode on the RD Session Host")]),
        LicenseNotRenewed, NotInEndpointGroup, AdLookupFailed, GraceExpired, GraceEnding, NoServerSpecified, ServerUnreachable, VersionNotSupported, CertificateInvalid,
        Modern(LicenseNotRenewed), Modern(NotInEndpointGroup), Modern(AdLookupFailed), Modern(GraceExpired), Modern(GraceEnding),
        Modern(NoServerSpecified, LearnPages.SourceNotes("event-ids", "field report: the 1130 text logged as event 50282 (0xC46A = 0xC000 + 0x046A), level Warning, in the Admin channel of a Windows Server 2019 host [M]")),
        Modern(ServerUnreachable), Modern(VersionNotSupported), Modern(CertificateInvalid),
        new(50215, RcmProvider, RcmAdmin, RemedyTarget.SessionHost, "Remote Desktop Session Host server was unable to retrieve user licensing information from AAD. Error %1",
            "In AAD Per User mode the session host could not read the user's licence from Microsoft Entra ID (Azure AD); the error code says why.",
            [LearnPages.TermsrvMessageTable("message 0xB000C427, in builds 19041 and later"), LearnPages.PolicyCspTerminalServer("TS_LICENSING_MODE: AAD Per User mode needs a service plan that supports RDS licenses assigned to each user in AAD")]) { Era = EventEra.Build19041AndLater },
        new(50216, RcmProvider, RcmAdmin, RemedyTarget.SessionHost, "Remote Desktop Session Host server was unable to validate RDS license. Error %1",
            "The session host could not validate the user's RDS license (logged beside the AAD Per User events; the error code says why).",
            [LearnPages.TermsrvMessageTable("message 0xB000C428, in builds 19041 and later")]) { Era = EventEra.Build19041AndLater },
        new(4105, LicensingProvider, System, RemedyTarget.LicenseServer, null, "The license server cannot update the Per User CAL attributes of users in Active Directory.",
            [LearnPages.SourceNotes("license-server-events", "KB 2030310: the license server's computer account must be in the domain's Terminal Server License Servers group [H]"), LearnPages.LicenseAttributesNotUpdated("msTS* attributes not updated")]) { EventSourceName = "TermServLicensing" },
        new(75, LicensingProvider, System, RemedyTarget.LicenseServer, null, "The license server's computer account could not be added to the 'Terminal Server License Servers' group in Active Directory, so Per User CAL tracking and reporting cannot work.",
            [LearnPages.Event75("TLS_E_LS_ADDTO_AD; add the license server's computer account to the Terminal Server License Servers group in AD DS (and the Network Service account when the license server is a domain controller), then restart the licensing service on the license server")]) { EventSourceName = "TermServLicensing" },
        new(4141, LicensingProvider, System, RemedyTarget.LicenseServer, "A license could not be issued to \"%1\" because it is not a member of the Terminal Server Computers group.",
            "The license server refused a session host that is not in its 'Terminal Server Computers' group (named 'RDS Endpoint Servers' in current Windows) while the license server security group policy is on.",
            [LearnPages.Event4141("TLS_E_LICENSE_ISSUANCE_ACCESS_DENIED; add the RD Session Host's computer account to that local group on the license server"), LearnPages.SecurityGroupPolicy("the policy restricts the license server to hosts in that group")]) { EventSourceName = "TermServLicensing" },
    ];

    /// <summary>The event with this id, or null.</summary>
    public static LicensingEvent? Find(int id) => All.FirstOrDefault(e => e.Id == id);

    /// <summary>The event a record with this provider and id is, or null (a record of another provider is never a catalogue event).</summary>
    public static LicensingEvent? Find(string provider, int id) =>
        All.FirstOrDefault(e => e.Id == id && string.Equals(e.Provider, provider, StringComparison.OrdinalIgnoreCase));

    /// <summary>The rules that explain an event's causes (none for an event whose cause no rule covers).</summary>
    public static IReadOnlyList<DiagnosticRule> Rules(LicensingEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return RuleCatalog.All.Where(r => r.EventIds.Contains(e.Id)).ToList();
    }
}

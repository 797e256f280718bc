namespace RdsCal.Licensing.Rules;

/// <summary>
/// A rule's stable code (RDS001, …). Only the codes declared here exist, so a reference to a missing rule does not
/// compile; texts that point at another rule interpolate one of these instead of spelling the code.
/// </summary>
public readonly record struct RuleCode
{
    private RuleCode(int number) => Number = number;

    /// <summary>The number (1 for RDS001).</summary>
    public int Number { get; }

    /// <summary>RDS001: the licensing mode is not configured.</summary>
    public static RuleCode ModeNotConfigured { get; } = new(1);
    /// <summary>RDS002: no license server is specified.</summary>
    public static RuleCode NoLicenseServer { get; } = new(2);
    /// <summary>RDS003: Group Policy overrides the server setting.</summary>
    public static RuleCode PolicyShadowsServer { get; } = new(3);
    /// <summary>RDS004: Per User mode on a host that is (or may be) in a workgroup.</summary>
    public static RuleCode PerUserWorkgroup { get; } = new(4);
    /// <summary>RDS005: a licensing value has an unexpected type or size.</summary>
    public static RuleCode UnexpectedValueKind { get; } = new(5);
    /// <summary>RDS006: license servers listed in a legacy or misplaced shape.</summary>
    public static RuleCode LegacyServerShapes { get; } = new(6);
    /// <summary>RDS007: the client hardware ID is damaged.</summary>
    public static RuleCode ClientHardwareId { get; } = new(7);
    /// <summary>RDS008: the client license store holds empty, duplicate or expired licenses.</summary>
    public static RuleCode ClientLicenseStore { get; } = new(8);
    /// <summary>RDS009: not an RD Session Host.</summary>
    public static RuleCode RoleNotInstalled { get; } = new(9);
    /// <summary>RDS010: the RCM licensing certificate values are incomplete.</summary>
    public static RuleCode CertificateValues { get; } = new(10);
    /// <summary>RDS011: the registry read is incomplete or may be stale.</summary>
    public static RuleCode DataQuality { get; } = new(11);
    /// <summary>RDS012: licensing notifications are hidden by policy.</summary>
    public static RuleCode NotificationsHidden { get; } = new(12);
    /// <summary>RDS013: the license server security group policy is on.</summary>
    public static RuleCode LicenseServerSecurityGroup { get; } = new(13);
    /// <summary>RDS014: the license server accepts unauthenticated workgroup session hosts.</summary>
    public static RuleCode WorkgroupAuthEnforcement { get; } = new(14);
    /// <summary>RDS015: the license server cannot update Per User CAL attributes in Active Directory.</summary>
    public static RuleCode PerUserAdAttributes { get; } = new(15);
    /// <summary>RDS016: an RD Session Host in mode 0 or 1 (Personal, Remote Administration).</summary>
    public static RuleCode AdministrationMode { get; } = new(16);
    /// <summary>RDS017: licensing settings written where invented guides put them.</summary>
    public static RuleCode InventedLocations { get; } = new(17);
    /// <summary>RDS018: license servers configured but no X509 certificate values.</summary>
    public static RuleCode NoLicensingCertificate { get; } = new(18);
    /// <summary>RDS019: the license server cannot be reached.</summary>
    public static RuleCode LicenseServerUnreachable { get; } = new(19);
    /// <summary>RDS020: the license server is not activated.</summary>
    public static RuleCode LicenseServerNotActivated { get; } = new(20);
    /// <summary>RDS021: the license server has no CALs of the mode in use.</summary>
    public static RuleCode NoCalsForMode { get; } = new(21);
    /// <summary>RDS022: AAD Per User mode, which takes its licences from Microsoft Entra ID, not from a license server.</summary>
    public static RuleCode AadPerUserMode { get; } = new(22);
    /// <summary>RDS023: licensing failures logged although a license server is configured: the server side.</summary>
    public static RuleCode ServerSideEvents { get; } = new(23);
    /// <summary>RDS024: licensing events logged that the registry does not explain.</summary>
    public static RuleCode UnexplainedEvents { get; } = new(24);

    /// <summary>Every declared code, in order.</summary>
    public static IReadOnlyList<RuleCode> All { get; } =
    [
        ModeNotConfigured, NoLicenseServer, PolicyShadowsServer, PerUserWorkgroup, UnexpectedValueKind, LegacyServerShapes,
        ClientHardwareId, ClientLicenseStore, RoleNotInstalled, CertificateValues, DataQuality, NotificationsHidden,
        LicenseServerSecurityGroup, WorkgroupAuthEnforcement, PerUserAdAttributes, AdministrationMode, InventedLocations,
        NoLicensingCertificate, LicenseServerUnreachable, LicenseServerNotActivated, NoCalsForMode, AadPerUserMode, ServerSideEvents,
        UnexplainedEvents,
    ];

    /// <summary>The declared code spelled <paramref name="text"/> (case-insensitive), if any.</summary>
    public static bool TryParse(string? text, out RuleCode code)
    {
        code = All.FirstOrDefault(c => string.Equals(c.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase));
        return code.Number != 0;
    }

    /// <inheritdoc />
    public override string ToString() => $"RDS{Number:000}";
}

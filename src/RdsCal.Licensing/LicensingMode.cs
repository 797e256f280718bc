namespace RdsCal.Licensing;

/// <summary>Licensing mode values as Windows stores them (RCM and policy <c>LicensingMode</c>).</summary>
public enum LicensingMode
{
    /// <summary>0: Personal Terminal Server.</summary>
    PersonalTerminalServer = 0,
    /// <summary>1: Remote Desktop for Administration (no RD Session Host licensing).</summary>
    RemoteAdministration = 1,
    /// <summary>2: Per Device.</summary>
    PerDevice = 2,
    /// <summary>4: Per User.</summary>
    PerUser = 4,
    /// <summary>5: Not configured.</summary>
    NotConfigured = 5,
    /// <summary>6: Azure AD Per User (policy only, newer ADMX).</summary>
    AadPerUser = 6,
    /// <summary>Any other number.</summary>
    Unknown = -1,
}

/// <summary>Conversions for <see cref="LicensingMode"/>.</summary>
public static class LicensingModes
{
    /// <summary>The mode a stored number means.</summary>
    public static LicensingMode FromRaw(uint raw) => raw switch
    {
        0 => LicensingMode.PersonalTerminalServer,
        1 => LicensingMode.RemoteAdministration,
        2 => LicensingMode.PerDevice,
        4 => LicensingMode.PerUser,
        5 => LicensingMode.NotConfigured,
        6 => LicensingMode.AadPerUser,
        _ => LicensingMode.Unknown,
    };

    /// <summary>
    /// The mode's name as every report prints it (PerUser, NotConfigured, ...). Spelt out rather than
    /// <c>ToString()</c>: under NativeAOT an enum's ToString starts reflection, a measurable part of a status run.
    /// </summary>
    public static string Name(this LicensingMode mode) => mode switch
    {
        LicensingMode.PersonalTerminalServer => nameof(LicensingMode.PersonalTerminalServer),
        LicensingMode.RemoteAdministration => nameof(LicensingMode.RemoteAdministration),
        LicensingMode.PerDevice => nameof(LicensingMode.PerDevice),
        LicensingMode.PerUser => nameof(LicensingMode.PerUser),
        LicensingMode.NotConfigured => nameof(LicensingMode.NotConfigured),
        LicensingMode.AadPerUser => nameof(LicensingMode.AadPerUser),
        LicensingMode.Unknown => nameof(LicensingMode.Unknown),
        // As Enum.ToString prints a value with no name.
        _ => ((int)mode).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// True for the modes in which a session host needs CALs from a license server. AAD Per User (6) does not: the
    /// Administrative Template says each user needs a service plan that supports RDS licenses assigned in Azure AD.
    /// </summary>
    public static bool NeedsLicenseServer(this LicensingMode mode) =>
        mode is LicensingMode.PerDevice or LicensingMode.PerUser;
}

/// <summary>Which configuration source a setting's effective value came from.</summary>
public enum SettingSource
{
    /// <summary>Nothing sets it.</summary>
    None,
    /// <summary>Group Policy (<c>SOFTWARE\Policies\…</c>), which wins.</summary>
    Policy,
    /// <summary>The server's own setting (RCM / TermService), written by Server Manager or WMI.</summary>
    Server,
}

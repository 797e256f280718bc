namespace RdsCal.Licensing.Rules;

/// <summary>
/// The public pages the rule catalogue cites, each once, by the address and title Microsoft Learn publishes them under
/// (checked against the pages' sources in MicrosoftDocs/SupportArticles-docs, windowsserverdocs and win32).
/// </summary>
internal static class LearnPages
{
    public static RuleSource TroubleshootingGuidance(string note) =>
        new("RDS Licensing troubleshooting guidance (Microsoft Learn)", "https://learn.microsoft.com/troubleshoot/windows-server/remote/troubleshoot-rds-licensing-guidance", note);

    public static RuleSource NoLicenseServersAvailable(string note) =>
        new("Cannot connect to RDS because no RD Licensing servers are available (Microsoft Learn)", "https://learn.microsoft.com/troubleshoot/windows-server/remote/cannot-connect-rds-no-license-server", note);

    public static RuleSource LicenseSessionHosts(string note) =>
        new("License Remote Desktop session hosts (Microsoft Learn)", "https://learn.microsoft.com/windows-server/remote/remote-desktop-services/rds-license-session-hosts", note);

    public static RuleSource MultipleLicenseServers(string note) =>
        new("Use multiple Remote Desktop license servers (Microsoft Learn)", "https://learn.microsoft.com/windows-server/remote/remote-desktop-services/use-multiple-remote-desktop-license-servers", note);

    public static RuleSource RemoveClientLicenses(string note) =>
        new("Remove Terminal Server licenses from an RDP client (Microsoft Learn)", "https://learn.microsoft.com/troubleshoot/windows-server/remote/remove-terminal-server-licenses-from-rdp", note);

    public static RuleSource AzureNoLicenseServer(string note) =>
        new("Remote Desktop license server isn't available when you connect to an Azure VM (Microsoft Learn)", "https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/troubleshoot-rdp-no-license-server", note);

    public static RuleSource ChangeMode(string note) =>
        new("ChangeMode method of the Win32_TerminalServiceSetting class (Microsoft Learn)", "https://learn.microsoft.com/windows/win32/termserv/win32-terminalservicesetting-changemode", note);

    public static RuleSource GetGracePeriodDays(string note) =>
        new("GetGracePeriodDays method of the Win32_TerminalServiceSetting class (Microsoft Learn)", "https://learn.microsoft.com/windows/win32/termserv/getgraceperioddays-win32-terminalservicesetting", note);

    public static RuleSource GetActivationStatus(string note) =>
        new("GetActivationStatus method of the Win32_TSLicenseServer class (Microsoft Learn)", "https://learn.microsoft.com/windows/win32/termserv/getactivationstatus-win32-tslicenseserver", note);

    public static RuleSource ActivateLicenseServer(string note) =>
        new("Activate the Remote Desktop Services license server (Microsoft Learn)", "https://learn.microsoft.com/windows-server/remote/remote-desktop-services/rds-activate-license-server", note);

    public static RuleSource InstallCals(string note) =>
        new("Install RDS client access licenses on the Remote Desktop license server (Microsoft Learn)", "https://learn.microsoft.com/windows-server/remote/remote-desktop-services/rds-install-cals", note);

    public static RuleSource ClientAccessLicenses(string note) =>
        new("License your RDS deployment with client access licenses (CALs) (Microsoft Learn)", "https://learn.microsoft.com/windows-server/remote/remote-desktop-services/rds-client-access-license", note);

    public static RuleSource SecurityGroupPolicy(string note) =>
        new("IsLSSecGrpGPEnabled method of the Win32_TSLicenseServer class (Microsoft Learn)", "https://learn.microsoft.com/windows/win32/termserv/islssecgrpgpenabled-win32-tslicenseserver", note);

    public static RuleSource LicenseAttributesNotUpdated(string note) =>
        new("License attributes aren't updated after installing 2019 license server (Microsoft Learn)", "https://learn.microsoft.com/troubleshoot/windows-server/remote/license-attributes-not-updated-rdsh-server", note);

    public static RuleSource TerminalServiceSetting(string note) =>
        new("Win32_TerminalServiceSetting class (Microsoft Learn)", "https://learn.microsoft.com/windows/win32/termserv/win32-terminalservicesetting", note);

    public static RuleSource LicenseKeyPack(string note) =>
        new("Win32_TSLicenseKeyPack class (Microsoft Learn)", "https://learn.microsoft.com/windows/win32/termserv/win32-tslicensekeypack", note);

    public static RuleSource CalAvailabilityMonitor(string note) =>
        new("Remote Desktop Services Client Access License (RDS CAL) Availability on Remote Desktop Session Host (Microsoft's Windows Server 2016 RDS management pack knowledge, as mirrored by systemcenter.wiki)",
            "https://systemcenter.wiki/?GetElement=Microsoft.Windows.Server.10.0.RemoteDesktopServices.NewUnitMonitor_18&ManagementPack=Microsoft.Windows.Server.2016.RemoteDesktopServices&Type=UnitMonitor&Version=10.0.6.0", note);

    public static RuleSource PrimaryDomainInfo(string note) =>
        new("POLICY_PRIMARY_DOMAIN_INFO structure (ntsecapi.h) (Microsoft Learn)", "https://learn.microsoft.com/windows/win32/api/ntsecapi/ns-ntsecapi-policy_primary_domain_info", note);

    // Microsoft's Windows Server 2008 / 2008 R2 event reference: the only Microsoft pages that give these event IDs
    // their symbolic names and causes. Addresses are the ones the pages are published under (TechNet now redirects).
    public static RuleSource Event1003(string note) =>
        new("Event ID 1003 — Terminal Services Client Access License (TS CAL) Availability (Microsoft TechNet, Windows Server 2008)", "https://technet.microsoft.com/en-us/library/cc775262(v=ws.10).aspx", note);

    public static RuleSource Event1004(string note) =>
        new("Event ID 1004 — Terminal Services Client Access License (TS CAL) Availability (Microsoft TechNet, Windows Server 2008)", "https://technet.microsoft.com/en-us/library/cc775148(v=ws.10).aspx", note);

    public static RuleSource Event1028(string note) =>
        new("Event ID 1028 — Remote Desktop Services Client Access License (RDS CAL) Availability (Microsoft TechNet, Windows Server 2008 R2)", "https://technet.microsoft.com/en-us/library/ee890984(v=ws.10).aspx", note);

    public static RuleSource Event1069(string note) =>
        new("Event ID 1069 — Remote Desktop Services Client Access License (RDS CAL) Availability (Microsoft Learn, previous versions, Windows Server 2008 R2)", "https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/ee891144(v=ws.10)", note);

    public static RuleSource Event4141(string note) =>
        new("Event ID 4141 — Remote Desktop License Server Security Group Configuration (Microsoft Learn, previous versions, Windows Server 2008 R2)", "https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/ee891262(v=ws.10)", note);

    public static RuleSource Event75(string note) =>
        new("Event ID 75 — Terminal Services Per User Client Access License Tracking and Reporting (Microsoft Learn, previous versions, Windows Server 2008)", "https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/cc775316(v=ws.10)", note);

    public static RuleSource PolicyCspTerminalServer(string note) =>
        new("Policy CSP - ADMX_TerminalServer (Microsoft Learn; the Administrative Template texts of the Remote Desktop Services policies)", "https://learn.microsoft.com/windows/client-management/mdm/policy-csp-admx-terminalserver", note);

    public static RuleSource SetErrorInfoPdu(string note) =>
        new("[MS-RDPBCGR] 2.2.5.1.1 Set Error Info PDU Data (Microsoft Open Specifications; the disconnect reasons a Remote Desktop client is sent and shows)", "https://learn.microsoft.com/openspecs/windows_protocols/ms-rdpbcgr/a21a1bd9-2303-49c1-90ec-3932435c248c", note);

    // termsrv.dll's message table is Microsoft's own text for the session host's events; Microsoft publishes no page of it,
    // so the dump of the binary's resources, per Windows build, is the source.
    public static RuleSource TermsrvMessageTable(string note) =>
        new("termsrv.dll message table, per Windows build (libyal/winevt-kb, MessageFile-termsrv.dll.md: the strings of Microsoft's binary)", "https://github.com/libyal/winevt-kb/blob/main/docs/sources/message-files/MessageFile-termsrv.dll.md", note);

    /// <summary>A note in the repository's own source file, for what no Microsoft page states (each note names its sources and rating).</summary>
    public static RuleSource SourceNotes(string anchor, string note) =>
        new("rdscal's source notes (docs/sources.md in the rdscal repository)", "docs/sources.md#" + anchor, note);
}

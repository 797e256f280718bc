using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS002: a session host has no license server to ask.</summary>
public sealed class NoLicenseServerRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.NoLicenseServer;
    /// <inheritdoc />
    public override Severity Severity => Severity.Error;
    /// <inheritdoc />
    public override string Title => "No Remote Desktop license server is specified";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.SessionHost;
    /// <inheritdoc />
    public override string Remedy => RemedyText.ToString();
    /// <inheritdoc />
    public override RemedyText RemedyText => RemedyTargets.Prefix(AppliesTo)
        + RemedyText.Of($"specify license servers: '{Mentions.SetServers("lic01.example.com")}' (writes SpecifiedLicenseServers), or the Group Policy 'Use the specified Remote Desktop license servers'. Microsoft says automatic discovery was abandoned starting with Windows Server 2008 R2.");
    /// <inheritdoc />
    public override RemedyAction Action => RemedyAction.SetServers();
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps => [.. StepTexts.Select(s => s.ToString())];
    /// <inheritdoc />
    public override IReadOnlyList<RemedyText> StepTexts =>
    [
        RemedyText.Plain("Find an activated RD license server that holds CALs of the mode in use (Per User or Per Device)."),
        RemedyText.Of($"On the RD Session Host: '{Mentions.SetServers("NAME")}' writes HKLM\\SYSTEM\\CurrentControlSet\\Services\\TermService\\Parameters\\LicenseServers\\SpecifiedLicenseServers (REG_MULTI_SZ); or set the policy 'Use the specified Remote Desktop license servers' (comma-separated names)."),
        RemedyText.Plain("From the RD Session Host, check it can reach the license server by RPC (TCP 135 and the dynamic RPC ports)."),
        RemedyText.Plain("Restart the Remote Desktop Services service or reboot; then run the RD Licensing Diagnoser (lsdiag.msc) on the RD Session Host."),
    ];
    /// <inheritdoc />
    public override string HowToTell =>
        "rdscal's status report shows 'License servers: none'; the RD Licensing Diagnoser says the host 'hasn't been configured with any license servers'; event 1130 (50282 from Windows Server 2019) is logged as well.";
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.NoLicenseServersAvailable("the client message 'no Remote Desktop License Servers available to provide a license'; the Diagnoser message 'The grace period ... has expired, but the RD Session Host server hasn't been configured with any license servers', and where to specify servers"),
        LearnPages.AzureNoLicenseServer("causes of 'no license server available': no licensing role ever, server not activated, no CALs, CALs misconfigured; the SpecifiedLicenseServers value; the TCP 135 test"),
        LearnPages.TroubleshootingGuidance("the server setting (TermService\\Parameters\\LicenseServers\\SpecifiedLicenseServers) and the policy value LicenseServers, which wins"),
        LearnPages.MultipleLicenseServers("automatic license server discovery 'was abandoned starting with Windows Server 2008 R2'"),
        LearnPages.TermsrvMessageTable("event 1130/50282 'The Remote Desktop Session Host server does not have a Remote Desktop license server specified' and 1128/50280 'The RD Licensing grace period has expired and the service has not registered with a license server with installed licenses'"),
        LearnPages.SetErrorInfoPdu("the client is told 'A Remote Desktop License Server could not be found to provide a license' (ERRINFO_LICENSE_NO_LICENSE_SERVER, 0x101), shown by the connecting client"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SYSTEM\CurrentControlSet\Services\TermService\Parameters\LicenseServers\SpecifiedLicenseServers", @"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\LicenseServers"];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [1130, 50282, 1128, 50280, 1129, 50281];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages =>
    [
        "does not have a Remote Desktop license server specified",
        "The grace period for the Remote Desktop Session Host server has expired",
        "License server <name> is not available",
        "grace period has expired and the service has not registered with a license server",
        "grace period is about to expire",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> ClientMessages =>
    [
        "no Remote Desktop License Servers available to provide a license",
        "A Remote Desktop License Server could not be found to provide a license",
    ];


    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.SystemKnown || snapshot.Host.IsSessionHost == false)
        {
            yield break;
        }
        // A mode that takes no CALs from a license server (Remote Administration, AAD Per User: RDS016, RDS022) needs no server.
        if (snapshot.Mode.Effective is LicensingMode.RemoteAdministration or LicensingMode.AadPerUser || snapshot.Servers.Effective.Count > 0)
        {
            yield break;
        }
        string policy = snapshot.PolicyKnown ? "policy LicenseServers is not set" : "policy unknown (no SOFTWARE source)";
        string legacy = snapshot.Servers.Shapes.Any(s => !s.ReadByCurrentWindows)
            ? $" Lists exist only in older shapes that Microsoft does not document for current Windows (see {RuleCode.LegacyServerShapes})."
            : string.Empty;
        yield return Found($"No license server is configured where Microsoft documents current Windows looks: the host will be refused CALs once the grace period ends (events 1130 and 1128; 50282 and 50280 from Windows Server 2019).{legacy}",
            $"{LicensingPathsText.LicenseServersValue(snapshot)}: absent or empty", policy);
    }
}

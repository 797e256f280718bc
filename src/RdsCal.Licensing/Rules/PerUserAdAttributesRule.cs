using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS015: explain-only: the license server cannot write Per User CAL attributes in Active Directory.</summary>
public sealed class PerUserAdAttributesRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.PerUserAdAttributes;
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "License server cannot update Per User CAL attributes in Active Directory";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.LicenseServer;
    /// <inheritdoc />
    public override string Remedy => RemedyTargets.Prefix(AppliesTo)
        + "its computer account must be in the 'Terminal Server License Servers' group of each domain whose users it licenses (done in Active Directory); then restart its Remote Desktop Licensing service. With a Windows Server 2019 license server, Microsoft also has SELF delegated 'Read and Write Terminal Server license server' on the users' OU.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "In Active Directory Users and Computers, add the license server's computer account to the domain's 'Terminal Server License Servers' group.",
        "Restart the Remote Desktop Licensing service on the license server.",
        "For a Windows Server 2019 license server: in Active Directory, delegate to SELF 'Read and Write Terminal Server license server' on the OU holding the users.",
        "This is an Active Directory permission (msTS* attributes); it cannot be seen or fixed in the registry.",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.TroubleshootingGuidance("make sure the licensing server is added to the 'Terminal Server License Servers' domain group"),
        LearnPages.LicenseAttributesNotUpdated("with a 2019 license server the msTS* attributes are not updated until SELF is delegated 'Read and Write Terminal Server license server'"),
        LearnPages.Event75("event 75: add the license server's computer account to the Terminal Server License Servers group in AD DS (and Network Service when it runs on a domain controller), then restart the licensing service on the license server; Per User CAL tracking needs that membership"),
        LearnPages.SourceNotes("license-server-events", "event 4105 on the license server [H: KB 2030310, read here in its Japanese edition]"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [4105, 75];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages => ["Terminal Server License Servers", "license attributes"];
    /// <inheritdoc />
    public override bool DetectableOffline => false;

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot) => [];
}

using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS013: the license server only serves hosts in its "Terminal Server Computers" group.</summary>
public sealed class LicenseServerSecurityGroupRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.LicenseServerSecurityGroup;
    /// <inheritdoc />
    public override Severity Severity => Severity.Info;
    /// <inheritdoc />
    public override string Title => "License server security group policy: only listed session hosts get CALs";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.LicenseServer;
    /// <inheritdoc />
    public override string Remedy => RemedyTargets.Prefix(AppliesTo)
        + "add every RD Session Host's computer account to its local 'Terminal Server Computers' group, or disable the policy 'License server security group'.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "On the license server, open Computer Management > Local Users and Groups > Groups > Terminal Server Computers.",
        "Add the session hosts' computer accounts; restart the Remote Desktop Licensing service on the license server.",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.SecurityGroupPolicy("with the policy enabled, the license server only answers RD Session Hosts whose computer accounts are in its local Terminal Server Computers group"),
        LearnPages.Event4141("event 4141: 'A license could not be issued to \"%1\" because it is not a member of the Terminal Server Computers group'; on the license server, add the RD Session Host's computer account to that local group"),
        LearnPages.FactsFile("the policy value fSecureLicensing [M: ADMX mirror, truncated name]"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\fSecureLicensing"];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [4141];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages => ["TLS_E_LICENSE_ISSUANCE_ACCESS_DENIED", "not a member of the Terminal Server Computers group"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var v = snapshot.Policies.FirstOrDefault(p => p.Name == "fSecureLicensing");
        if (v is not null && v.Display.StartsWith("0x00000001", StringComparison.Ordinal))
        {
            yield return Found("This license server issues CALs only to session hosts in its 'Terminal Server Computers' group (fSecureLicensing = 1); others are refused with event 4141.", $"{v.From.Path} = 1");
        }
    }
}

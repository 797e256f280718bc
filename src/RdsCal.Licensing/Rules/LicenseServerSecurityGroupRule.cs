using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS013: the license server only serves hosts in its "RDS Endpoint Servers" group ("Terminal Server Computers" in older Windows).</summary>
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
        + "add every RD Session Host's computer account to its local 'RDS Endpoint Servers' group (named 'Terminal Server Computers' in older Windows; hosts can be added only when the license server is a domain member), or disable the policy 'License server security group'.";
    /// <inheritdoc />
    public override RemedyAction Action => new(RemedyKind.AddToGroup, RemedyTarget.LicenseServer) { Group = "RDS Endpoint Servers" };
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "On the license server, open Computer Management > Local Users and Groups > Groups > RDS Endpoint Servers (Terminal Server Computers in older Windows).",
        "Add the session hosts' computer accounts (possible only when the license server is a domain member); restart the Remote Desktop Licensing service on the license server.",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.PolicyCspTerminalServer("TS_LICENSE_SECGROUP, 'License server security group': the license server then answers only RD Session Hosts in its RDS Endpoint Servers group; enable it only when the license server is a domain member, since hosts can be added to the group only then"),
        LearnPages.TermsrvMessageTable("event 1043/50195 on the session host: 'Ensure that the computer account for the Remote Desktop Session Host server is a member of the RDS Endpoint Servers group on the license server'; Windows Server 2003's text names the group 'Terminal Server Computers'"),
        LearnPages.SecurityGroupPolicy("with the policy enabled, the license server only answers RD Session Hosts whose computer accounts are in its local Terminal Server Computers group"),
        LearnPages.Event4141("event 4141: 'A license could not be issued to \"%1\" because it is not a member of the Terminal Server Computers group'; on the license server, add the RD Session Host's computer account to that local group"),
        LearnPages.SourceNotes("policy-values", "the policy value fSecureLicensing [M: ADMX mirrors and GPO scripts]"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\fSecureLicensing"];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [4141, 1043, 50195];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages => ["TLS_E_LICENSE_ISSUANCE_ACCESS_DENIED", "not a member of the Terminal Server Computers group", "is a member of the RDS Endpoint Servers group on the license server"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var v = snapshot.Policies.FirstOrDefault(p => p.Name == "fSecureLicensing");
        if (v is not null && v.Display.StartsWith("0x00000001", StringComparison.Ordinal))
        {
            yield return Found("This license server issues CALs only to session hosts in its 'RDS Endpoint Servers' group ('Terminal Server Computers' in older Windows) (fSecureLicensing = 1); others are refused with event 4141 on the license server and 1043/50195 on the host.", $"{v.From.Path} = 1");
        }
    }
}

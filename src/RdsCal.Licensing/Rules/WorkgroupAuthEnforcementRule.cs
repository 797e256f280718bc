using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS014: the post-CVE-2024-38099 authentication requirement is switched off on a license server.</summary>
public sealed class WorkgroupAuthEnforcementRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.WorkgroupAuthEnforcement;
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "License server accepts anonymous session hosts (DisableWorkgroupAuthEnforcement)";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.LicenseServer;
    /// <inheritdoc />
    public override string Remedy => RemedyTargets.Prefix(AppliesTo)
        + "Microsoft does not recommend DisableWorkgroupAuthEnforcement and says future Windows may stop honoring it. Instead create a dedicated local user on the license server; then on each workgroup RD Session Host store that user's credentials for NT AUTHORITY\\NETWORK SERVICE (cmdkey /add:LICENSE-SERVER /user:LICENSE-SERVER\\USER /pass, run as NETWORK SERVICE); then delete the value.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "On the license server, create a dedicated local user (lusrmgr.msc > Users > New User; strong password; not 'must change password').",
        "On each RD Session Host, start a command prompt as NT AUTHORITY\\NETWORK SERVICE (for example 'psexec.exe -i -u \"NT AUTHORITY\\NETWORK SERVICE\" cmd.exe') and run 'cmdkey /add:LICENSE-SERVER /user:LICENSE-SERVER\\USER /pass'.",
        "On the license server, delete DisableWorkgroupAuthEnforcement, then restart the Remote Desktop Licensing service (a precaution: Microsoft's page does not say when the service reads the value).",
        "WorkgroupLicenseServerAccountsGroup is a different setting: it lets workgroup license servers recognise each other, not session hosts.",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.LicenseSessionHosts("after CVE-2024-38099 license servers require non-anonymous credentials from workgroup RD Session Hosts: a dedicated local user on the license server, stored with cmdkey for NETWORK SERVICE on each host; DisableWorkgroupAuthEnforcement = 1 'is not recommended', and 'Future versions of Windows may stop honoring this setting'"),
        LearnPages.MultipleLicenseServers("WorkgroupLicenseServerAccountsGroup is for license servers in a workgroup to recognise each other"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SYSTEM\CurrentControlSet\Services\TermServLicensing\Parameters\DisableWorkgroupAuthEnforcement"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var v = snapshot.LicenseServerParameters.FirstOrDefault(p => p.Name == "DisableWorkgroupAuthEnforcement");
        if (v is not null && v.Display.StartsWith("0x00000001", StringComparison.Ordinal))
        {
            yield return Found("DisableWorkgroupAuthEnforcement = 1 turns off the requirement that session hosts authenticate to this license server.", $"{v.From.Path} = 1");
        }
    }
}

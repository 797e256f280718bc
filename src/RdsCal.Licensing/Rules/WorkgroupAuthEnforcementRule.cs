using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS014: the post-CVE-2024-38099 authentication requirement is switched off on a license server.</summary>
public sealed class WorkgroupAuthEnforcementRule : DiagnosticRule
{
    /// <inheritdoc />
    public override string Code => "RDS014";
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "License server accepts anonymous session hosts (DisableWorkgroupAuthEnforcement)";
    /// <inheritdoc />
    public override string Remedy => "Microsoft does not recommend this and says future Windows may ignore it: configure WorkgroupLicenseServerAccountsGroup or domain membership instead, then remove the value.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "Give workgroup session hosts an account the license server recognises (WorkgroupLicenseServerAccountsGroup, HOST\\Group).",
        "Delete DisableWorkgroupAuthEnforcement and restart the Remote Desktop Licensing service.",
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

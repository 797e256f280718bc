using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS002: a session host has no license server to ask.</summary>
public sealed class NoLicenseServerRule : DiagnosticRule
{
    /// <inheritdoc />
    public override string Code => "RDS002";
    /// <inheritdoc />
    public override Severity Severity => Severity.Error;
    /// <inheritdoc />
    public override string Title => "No Remote Desktop license server is specified";
    /// <inheritdoc />
    public override string Remedy => "Specify license servers: 'rdscal set-servers lic01.example.com' (writes SpecifiedLicenseServers), or the Group Policy 'Use the specified Remote Desktop license servers'. Automatic discovery is not used since Windows Server 2008 R2.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "Find an activated RD license server that holds CALs of the mode in use (Per User or Per Device).",
        "Specify it: 'rdscal set-servers NAME' writes HKLM\\SYSTEM\\CurrentControlSet\\Services\\TermService\\Parameters\\LicenseServers\\SpecifiedLicenseServers (REG_MULTI_SZ); or set the policy 'Use the specified Remote Desktop license servers' (comma-separated names).",
        "Check the host can reach it by RPC (TCP 135 and the dynamic RPC ports), and that it is in the license server's 'Terminal Server Computers' group when the license server security group policy is on.",
        "Restart the Remote Desktop Services service or reboot; then run the RD Licensing Diagnoser (lsdiag.msc).",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SYSTEM\CurrentControlSet\Services\TermService\Parameters\LicenseServers\SpecifiedLicenseServers", @"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services\LicenseServers"];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [1130, 1128];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages =>
    [
        "no Remote Desktop License Servers available",
        "No Remote Desktop license server is specified",
        "The grace period for the Remote Desktop Session Host server has expired",
        "The Remote Desktop trial period has expired",
        "License server is not available",
    ];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.SystemKnown || snapshot.Host.IsSessionHost == false)
        {
            yield break;
        }
        if (snapshot.Mode.Effective == LicensingMode.RemoteAdministration || snapshot.Servers.Effective.Count > 0)
        {
            yield break;
        }
        string policy = snapshot.PolicyKnown ? "policy LicenseServers is not set" : "policy unknown (no SOFTWARE source)";
        string legacy = snapshot.Servers.Shapes.Any(s => !s.ReadByCurrentWindows) ? " Lists exist only in shapes current Windows does not read (see RDS007)." : string.Empty;
        yield return Found($"No license server is configured where current Windows looks: the host will be refused CALs once the grace period ends (events 1130, 1128).{legacy}",
            $"{LicensingPathsText.LicenseServersValue(snapshot)}: absent or empty", policy);
    }
}

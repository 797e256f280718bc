using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS020: explain-only: the license server is not activated.</summary>
public sealed class LicenseServerNotActivatedRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.LicenseServerNotActivated;
    /// <inheritdoc />
    public override Severity Severity => Severity.Error;
    /// <inheritdoc />
    public override string Title => "The RD license server is not activated";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.LicenseServer;
    /// <inheritdoc />
    public override string Remedy => RemedyTargets.Prefix(AppliesTo)
        + "activate it in Remote Desktop Licensing Manager (right-click the server > Activate Server), then install the RDS CALs.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "On the license server, open Remote Desktop Licensing Manager: an activated server has a green check mark; or run WMI Win32_TSLicenseServer.GetActivationStatus (0 activated, 1 not activated).",
        "On the license server, activate it (Activate Server wizard), then install the CALs.",
        "On the RD Session Host, run the RD Licensing Diagnoser again.",
    ];
    /// <inheritdoc />
    public override string HowToTell =>
        "The license server is reachable, but Remote Desktop Licensing Manager shows it without the green check mark (not activated), or GetActivationStatus returns 1.";
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.NoLicenseServersAvailable("check that the RD Licensing role is installed and the license server is activated; a correctly configured server has a green check mark"),
        LearnPages.ActivateLicenseServer("how to activate the license server"),
        LearnPages.GetActivationStatus("ActivationStatus 0 = activated, 1 = not activated, 2 = unknown"),
        LearnPages.AzureNoLicenseServer("'A Remote Desktop license was installed in the environment, but it's never activated' as a cause"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [1128, 50280, 1129, 50281];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages => ["License server <name> is not available", "has not been activated"];
    /// <inheritdoc />
    public override bool DetectableOffline => false;

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot) => [];
}

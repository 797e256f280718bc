using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS018: license servers are configured but the RCM key holds no X509 certificate values.</summary>
public sealed class NoLicensingCertificateRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.NoLicensingCertificate;
    /// <inheritdoc />
    public override Severity Severity => Severity.Info;
    /// <inheritdoc />
    public override string Title => "License servers are configured but the host holds no X509 licensing certificate values";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.SessionHost;
    /// <inheritdoc />
    public override string Remedy => RemedyTargets.Prefix(AppliesTo)
        + "if clients are refused licenses, run the RD Licensing Diagnoser and check that the license servers are reachable, activated and hold CALs of the mode in use. A grace-period reset does not change this.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "On the RD Session Host, open the RD Licensing Diagnoser (lsdiag.msc) and read what it reports for each license server.",
        $"Check the causes in turn: {RuleCode.LicenseServerUnreachable} (reachable), {RuleCode.LicenseServerNotActivated} (activated), {RuleCode.NoCalsForMode} (CALs of the mode in use).",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.NoLicenseServersAvailable("the X509 Certificate values are licensing certificate values in the RCM key; Microsoft's fix deletes them, restarts the host and reactivates the license server"),
        LearnPages.SourceNotes("inferences", "that their absence means the host has never obtained a certificate from a license server is not documented [L]: reported as information only"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server\RCM"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!snapshot.SystemKnown || snapshot.Host.IsSessionHost == false || snapshot.Servers.Effective.Count == 0 || snapshot.HasX509Certificate)
        {
            yield break;
        }
        yield return Found($"License servers are configured ([{string.Join(", ", snapshot.Servers.Effective)}]) but RCM holds no 'X509 Certificate' values; Microsoft does not document what their absence means, but a host that has licensed clients is expected to hold licensing certificate values.",
            $"{LicensingPathsText.ControlSet(snapshot, LicensingPaths.Rcm)}: no X509 Certificate, X509 Certificate2 or X509 Certificate ID");
    }
}

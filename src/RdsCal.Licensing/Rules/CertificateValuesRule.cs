using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS010: the RCM licensing certificate values are incomplete or empty (licensing protocol errors).</summary>
public sealed class CertificateValuesRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.CertificateValues;
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "The session host's licensing certificate values are incomplete";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.SessionHost;
    /// <inheritdoc />
    public override string Remedy => RemedyText.ToString();
    /// <inheritdoc />
    public override RemedyText RemedyText => RemedyTargets.Prefix(AppliesTo)
        + RemedyText.Of($"refresh them as Microsoft documents: '{Mentions.ResetCertificate}' backs up and deletes Certificate, X509 Certificate, X509 Certificate2 and X509 Certificate ID; then restart the host.");
    /// <inheritdoc />
    public override RemedyAction Action => new(RemedyKind.ResetCertificate, RemedyTarget.SessionHost);
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps => [.. StepTexts.Select(s => s.ToString())];
    /// <inheritdoc />
    public override IReadOnlyList<RemedyText> StepTexts =>
    [
        RemedyText.Of($"On the RD Session Host, run '{Mentions.ResetCertificate}' (the four values are exported to a .reg backup first)."),
        RemedyText.Plain("Restart the RD Session Host; Microsoft's article then has the RD license server reactivated."),
        RemedyText.Of($"If a client still fails with event 1003, reset that client's license cache: '{Mentions.ResetClientStore}' on the connecting client, not on the session host."),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.NoLicenseServersAvailable("'Refresh the X509 Certificate registry keys': on each RDSH export RCM, delete Certificate, X509 Certificate, X509 Certificate ID and X509 Certificate2, restart, reactivate the license server; for 'security error' and X.224 licensing failures"),
        LearnPages.Event1003("event 1003: delete MSLicensing on the client first; if the problem persists, delete Certificate, X509 Certificate, X509 Certificate2 and X509 Certificate ID on the terminal server and restart it"),
        LearnPages.Event1004("event 1004: one of its causes is a corrupted certificate on the terminal server"),
        LearnPages.TermsrvMessageTable("event 1133/50285: the certificate the license server issued to the host is not valid; delete the certificate on the RD Session Host and restart the Remote Desktop Services service"),
        LearnPages.SourceNotes("inferences", "that empty or partial values (rather than corrupted ones) cause these events is an inference [L]"),
    ];
    /// <inheritdoc />
    public override string HowToTell => HowToTellText.ToString();
    /// <inheritdoc />
    public override RemedyText HowToTellText => RemedyText.Of($"Every client fails the same way (not one client), the RD Licensing Diagnoser or the log shows X.224 protocol errors, and '{Mentions.Status()}' shows the RCM certificate values empty or partial.");
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server\RCM"];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [1003, 1004, 1133, 50285];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages =>
    [
        "An Error occurred in the Licensing Protocol",
        "cannot issue a client license",
        "has provided an invalid license",
        "The certificate issued by the Remote Desktop license server to the Remote Desktop Session Host server is not valid",
        "security error",
    ];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var certs = snapshot.Certificates;
        if (certs.Count == 0)
        {
            yield break;
        }
        // Select over the list itself: Select after Where is a generic virtual call, which NativeAOT resolves by
        // starting its type loader (docs/benchmarks.md).
        var empty = certs.Select(c => c.Size == 0 ? c.Name : null).OfType<string>().ToList();
        var missing = LicensingPaths.CertificateValues.Where(n => !certs.Any(c => c.Name == n)).ToList();
        bool x509Partial = certs.Any(c => c.Name.StartsWith("X509", StringComparison.Ordinal)) && missing.Any(n => n.StartsWith("X509", StringComparison.Ordinal));
        if (empty.Count > 0 || x509Partial)
        {
            var problems = new List<string>();
            if (empty.Count > 0)
            {
                problems.Add($"empty: {string.Join(", ", empty)}");
            }
            if (x509Partial)
            {
                problems.Add($"missing: {string.Join(", ", missing)}");
            }
            yield return Found($"RCM certificate values are damaged ({string.Join("; ", problems)}); Microsoft's fix for licensing \"security error\" and X.224 protocol failures refreshes these values.",
                certs.Select(c => $"{c.From.Path}: {c.Kind}, {c.Size} bytes").ToArray());
        }
    }
}

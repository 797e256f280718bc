using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS010: the RCM licensing certificate values are incomplete or empty (licensing protocol errors).</summary>
public sealed class CertificateValuesRule : DiagnosticRule
{
    /// <inheritdoc />
    public override string Code => "RDS010";
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "The session host's licensing certificate values are incomplete";
    /// <inheritdoc />
    public override string Remedy => "Reset them as Microsoft documents: 'rdscal cert reset' backs up and deletes Certificate, X509 Certificate, X509 Certificate2 and X509 Certificate ID; Windows recreates them after a restart.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "Run 'rdscal cert reset' (the four values are exported to a .reg backup first).",
        "Restart the host (or the Remote Desktop Services service); the certificates are regenerated.",
        "If clients still fail, reset their license cache ('rdscal client reset' on the client).",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server\RCM"];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [1003, 1004];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages =>
    [
        "An Error occurred in the Licensing Protocol",
        "cannot issue a license",
        "client provided an invalid license",
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
        var empty = certs.Where(c => c.Size == 0).Select(c => c.Name).ToList();
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
            yield return Found($"RCM certificate values are damaged ({string.Join("; ", problems)}); this causes licensing protocol errors (events 1003, 1004).",
                certs.Select(c => $"{c.From.Path}: {c.Kind}, {c.Size} bytes").ToArray());
        }
    }
}

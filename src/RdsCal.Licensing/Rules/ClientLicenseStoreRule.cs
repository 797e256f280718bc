using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS008: stored client licenses that are empty, duplicated or expired.</summary>
public sealed class ClientLicenseStoreRule : DiagnosticRule
{
    /// <inheritdoc />
    public override string Code => "RDS008";
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "The client license store holds empty, duplicate or expired licenses";
    /// <inheritdoc />
    public override string Remedy => "Reset the client license cache: 'rdscal client reset', then run Remote Desktop Connection once as administrator; the next connection obtains a fresh license.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "Run 'rdscal client reset' (backed up, recorded, undoable).",
        "Run Remote Desktop Connection once as administrator so the store can be recreated.",
        "If the server logs 1028 again, check that the license server can renew the CAL (it renews within 7 days of expiry).",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SOFTWARE\Microsoft\MSLicensing\Store"];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [1003, 1028];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages =>
    [
        "client access license could not be upgraded or renewed",
        "An Error occurred in the Licensing Protocol",
        "client provided an invalid license",
    ];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var licenses = snapshot.ClientStore.Licenses;
        foreach (var l in licenses.Where(l => l.LicenseSize == 0))
        {
            yield return Found($"{l.Name} has no ClientLicense data.", $"{l.From.Path}\\ClientLicense: empty or missing");
        }
        foreach (var group in licenses.Where(l => l.Sha256 is not null).GroupBy(l => l.Sha256).Where(g => g.Count() > 1))
        {
            yield return Found($"{string.Join(" and ", group.Select(l => l.Name))} hold the same license (SHA-256 {group.Key![..16]}…).",
                group.Select(l => $"{l.From.Path}\\ClientLicense: SHA-256 {l.Sha256}").ToArray());
        }
        foreach (var l in licenses.Where(l => l.Certificate is { } c && c.NotAfter < snapshot.ReadAt))
        {
            yield return Found(Severity.Info, $"{l.Name} expired on {l.Certificate!.NotAfter:yyyy-MM-dd}; the client renews it at its next connection if the license server allows.",
                $"{l.From.Path}\\ClientLicense: valid until {l.Certificate.NotAfter:u}");
        }
    }
}

using System.Globalization;
using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>Every diagnostic rule, the diagnosis over a snapshot, and the lookup behind <c>rdscal explain</c>.</summary>
public static class RuleCatalog
{
    /// <summary>All rules, in code order.</summary>
    public static IReadOnlyList<DiagnosticRule> All { get; } =
    [
        new ModeNotConfiguredRule(),
        new NoLicenseServerRule(),
        new PolicyShadowsServerRule(),
        new PerUserWorkgroupRule(),
        new UnexpectedValueKindRule(),
        new LegacyServerShapesRule(),
        new ClientHardwareIdRule(),
        new ClientLicenseStoreRule(),
        new RoleNotInstalledRule(),
        new CertificateValuesRule(),
        new DataQualityRule(),
        new NotificationsHiddenRule(),
        new LicenseServerSecurityGroupRule(),
        new WorkgroupAuthEnforcementRule(),
        new PerUserAdAttributesRule(),
    ];

    /// <summary>Every finding for a snapshot, most severe first (stable within a severity).</summary>
    public static IReadOnlyList<Finding> Diagnose(LicensingSnapshot snapshot) =>
        All.SelectMany(r => r.Evaluate(snapshot)).OrderByDescending(f => f.Severity).ToList();

    /// <summary>
    /// The rules that explain an event ID (a number) or an error message (any part of it, case-insensitive;
    /// each word of a longer query is tried when the whole text matches nothing).
    /// </summary>
    public static IReadOnlyList<DiagnosticRule> Explain(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string q = query.Trim().Trim('"', '\'');
        if (q.Length == 0)
        {
            return [];
        }
        if (int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
        {
            return All.Where(r => r.EventIds.Contains(id)).ToList();
        }
        if (q.StartsWith("RDS", StringComparison.OrdinalIgnoreCase))
        {
            var byCode = All.Where(r => string.Equals(r.Code, q, StringComparison.OrdinalIgnoreCase)).ToList();
            if (byCode.Count > 0)
            {
                return byCode;
            }
        }
        string norm = Normalize(q);
        var matches = All.Where(r => r.Messages.Any(m => Normalize(m).Contains(norm, StringComparison.Ordinal) || norm.Contains(Normalize(m), StringComparison.Ordinal))
            || Normalize(r.Title).Contains(norm, StringComparison.Ordinal)).ToList();
        return matches;
    }

    private static string Normalize(string s) =>
        string.Join(' ', s.ToLowerInvariant().Split([' ', '\t', '\r', '\n', '.', ',', ':', ';', '"', '\''], StringSplitOptions.RemoveEmptyEntries));
}

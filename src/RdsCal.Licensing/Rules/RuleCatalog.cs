using System.Globalization;
using System.Text.RegularExpressions;
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
        new AdministrationModeRule(),
        new InventedLocationsRule(),
        new NoLicensingCertificateRule(),
        new LicenseServerUnreachableRule(),
        new LicenseServerNotActivatedRule(),
        new NoCalsForModeRule(),
        new AadPerUserModeRule(),
        new ServerSideEventsRule(),
        new UnexplainedEventsRule(),
    ];

    /// <summary>The rule with this code.</summary>
    public static DiagnosticRule Get(RuleCode code) => All.Single(r => r.Code == code);

    /// <summary>Every severity, most severe first (a test checks that none is missing).</summary>
    internal static readonly Severity[] MostSevereFirst = [Severity.Error, Severity.Warning, Severity.Info];

    /// <summary>Every finding for a snapshot, most severe first (stable within a severity).</summary>
    public static IReadOnlyList<Finding> Diagnose(LicensingSnapshot snapshot)
    {
        var found = All.SelectMany(r => r.Evaluate(snapshot)).ToList();
        // One pass per severity rather than OrderByDescending, which is stable too but costs NativeAOT a run-time
        // generic method lookup at every start (docs/benchmarks.md).
        var ordered = new List<Finding>(found.Count);
        foreach (var severity in MostSevereFirst)
        {
            ordered.AddRange(found.Where(f => f.Severity == severity));
        }
        return ordered;
    }

    /// <summary>
    /// The rules that explain an event ID (a number: every cause that logs it), a rule code, or an error message
    /// (any part of it, case-insensitive; a <c>&lt;name&gt;</c> in a known message matches any one word).
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
        if (RuleCode.TryParse(q, out var code))
        {
            return [Get(code)];
        }
        string norm = Normalize(q);
        return All.Where(r => r.Messages.Concat(r.ClientMessages).Any(m => Matches(Normalize(m), norm)) || Normalize(r.Title).Contains(norm, StringComparison.Ordinal)).ToList();
    }

    private static bool Matches(string message, string query)
    {
        if (!message.Contains('<', StringComparison.Ordinal))
        {
            return message.Contains(query, StringComparison.Ordinal) || query.Contains(message, StringComparison.Ordinal);
        }
        // A placeholder stands for the name Windows puts there (a server, a client).
        string pattern = string.Join(".+?", Regex.Split(message, "<[^>]*>").Select(Regex.Escape));
        if (Regex.IsMatch(query, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            return true;
        }
        return Normalize(Regex.Replace(message, "<[^>]*>", " ", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).Contains(query, StringComparison.Ordinal);
    }

    private static string Normalize(string s) =>
        string.Join(' ', s.ToLowerInvariant().Split([' ', '\t', '\r', '\n', '.', ',', ':', ';', '"', '\''], StringSplitOptions.RemoveEmptyEntries));
}

using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>
/// RDS017: licensing settings written where invented web articles put them. This rule is the one place rdscal
/// names those paths: Windows does not read them, so nothing else in rdscal may treat them as settings.
/// </summary>
public sealed class InventedLocationsRule : DiagnosticRule
{
    /// <summary>An invented location: the key it is under, the name (of a value or a subkey), and where the real setting is.</summary>
    private sealed record InventedName(string Key, string Name, string Belongs);

    private const string ServersBelong = "license servers belong in TermService\\Parameters\\LicenseServers, value SpecifiedLicenseServers (REG_MULTI_SZ), or in the policy value LicenseServers";

    private static readonly InventedName[] Names =
    [
        new(LicensingPaths.LicensingCore, "LicenseServers", ServersBelong),
        new(LicensingPaths.Rcm, "LicenseServers", ServersBelong),
        new(LicensingPaths.LicenseServerParameters, "IssuedLicenses",
            "issued CALs are kept in the license server's database and shown by RD Licensing Manager and WMI (Win32_TSLicenseKeyPack.IssuedLicenses); Per User CALs are also recorded on the users in Active Directory; there is nothing to set in the registry"),
    ];

    /// <inheritdoc />
    public override RuleCode Code => RuleCode.InventedLocations;
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "Licensing settings are written where Windows does not read them (invented locations)";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.MachineRead;
    /// <inheritdoc />
    public override string Remedy => RemedyText.ToString();
    /// <inheritdoc />
    public override RemedyText RemedyText => RemedyTargets.Prefix(AppliesTo)
        + RemedyText.Of($"these keys and values come from invented web articles and do nothing; put the setting where it belongs (license servers: '{Mentions.SetServers("NAME...")}' on the RD Session Host), then delete the invented entry after a backup ('{Mentions.Backup}').");
    /// <inheritdoc />
    public override RemedyAction Action => RemedyAction.SetServers();
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps => [.. StepTexts.Select(s => s.ToString())];
    /// <inheritdoc />
    public override IReadOnlyList<RemedyText> StepTexts =>
    [
        RemedyText.Plain("Read the evidence: each line names the entry found and where the real setting is."),
        RemedyText.Of($"On the RD Session Host, set license servers with '{Mentions.SetServers("NAME...")}' (or the policy 'Use the specified Remote Desktop license servers')."),
        RemedyText.Of($"Back up ('{Mentions.Backup}') and delete the invented entries so the next reader is not misled."),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.TroubleshootingGuidance("the documented locations of the mode and the license servers (RCM\\Licensing Core\\LicensingMode, TermService\\Parameters\\LicenseServers\\SpecifiedLicenseServers, and the policy values)"),
        LearnPages.LicenseKeyPack("IssuedLicenses is a property of the WMI class Win32_TSLicenseKeyPack, not a registry key"),
        LearnPages.SourceNotes("invented", "RCM\\LicenseServers, a LicenseServers list in RCM\\Licensing Core and TermServLicensing\\Parameters\\IssuedLicenses appear only in AI-generated spam pages; no Microsoft or code source has them [H]"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => Names.Select(n => $@"HKLM\SYSTEM\CurrentControlSet\{n.Key}\{n.Name}").ToList();

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var found = new List<string>();
        foreach (var n in Names)
        {
            foreach (var entry in snapshot.LicensingKeyEntries.Where(e => string.Equals(e.Key, n.Key, StringComparison.OrdinalIgnoreCase)
                && string.Equals(e.Name, n.Name, StringComparison.OrdinalIgnoreCase)))
            {
                found.Add($"{entry.From.Path} ({(entry.IsKey ? "key" : "value")}: {entry.Summary}): Windows does not read it; {n.Belongs}");
            }
        }
        if (found.Count > 0)
        {
            yield return Found($"{found.Count} licensing entr{(found.Count == 1 ? "y is" : "ies are")} written where invented articles put them; Windows ignores them.", [.. found]);
        }
    }
}

using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS006: license server lists in older shapes that Microsoft does not document for current Windows.</summary>
public sealed class LegacyServerShapesRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.LegacyServerShapes;
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "License servers are listed in a legacy or misplaced shape";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.SessionHost;
    /// <inheritdoc />
    public override string Remedy => RemedyText.ToString();
    /// <inheritdoc />
    public override RemedyText RemedyText => RemedyTargets.Prefix(AppliesTo)
        + RemedyText.Of($"put the names where Microsoft documents current Windows reads them: '{Mentions.SetServers("NAME...")}' writes Parameters\\LicenseServers\\SpecifiedLicenseServers (REG_MULTI_SZ) and offers to remove the old shapes ({Mentions.RemoveLegacySwitch}).");
    /// <inheritdoc />
    public override RemedyAction Action => new(RemedyKind.RemoveLegacyShapes, RemedyTarget.SessionHost);
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps => [.. StepTexts.Select(s => s.ToString())];
    /// <inheritdoc />
    public override IReadOnlyList<RemedyText> StepTexts =>
    [
        RemedyText.Plain("Note the names in the older shapes listed below."),
        RemedyText.Of($"On the RD Session Host, write them where Microsoft documents Windows Server 2008 R2 and later read them: '{Mentions.SetServers("NAME...")}'."),
        RemedyText.Of($"Remove the older shapes once the host licenses correctly ('{Mentions.RemoveLegacy}'; every change is backed up and undoable)."),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.TroubleshootingGuidance("the documented locations: TermService\\Parameters\\LicenseServers value SpecifiedLicenseServers, and the policy value LicenseServers"),
        LearnPages.AzureNoLicenseServer("'reg add ...\\TermService\\Parameters\\LicenseServers /v SpecifiedLicenseServers /t REG_MULTI_SZ'"),
        LearnPages.SourceNotes("legacy-server-shapes", "the older shapes: one subkey per server (Windows Server 2003, KB 279561) and DefaultLicenseServer (Windows 2000, KB 239107) [M]; whether Server 2012 and later still read them is not verified [L], so rdscal does not say Windows ignores them"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SYSTEM\CurrentControlSet\Services\TermService\Parameters"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var legacy = snapshot.Servers.Shapes.Where(s => !s.ReadByCurrentWindows).ToList();
        if (legacy.Count == 0)
        {
            yield break;
        }
        string reads = snapshot.Servers.Source == SettingSource.None
            ? "Microsoft documents only the policy value and Parameters\\LicenseServers\\SpecifiedLicenseServers for current Windows, and neither is set."
            : $"The documented setting in effect is [{string.Join(", ", snapshot.Servers.Effective)}] from {snapshot.Servers.From!.Path}.";
        yield return Found($"{legacy.Count} license server list(s) in a shape Microsoft does not document for current Windows (it may ignore them). {reads}",
            legacy.Select(s => $"{s.Kind}: {s.From.Path} = [{string.Join(", ", s.Servers)}] ({s.Note})").ToArray());
    }
}

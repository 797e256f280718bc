using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS005: a licensing value has a kind or size Windows does not write, so Windows likely ignores it.</summary>
public sealed class UnexpectedValueKindRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.UnexpectedValueKind;
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "A licensing value has an unexpected type or size";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.MachineRead;
    /// <inheritdoc />
    public override string Remedy => RemedyText.ToString();
    /// <inheritdoc />
    public override RemedyText RemedyText => RemedyTargets.Prefix(AppliesTo)
        + RemedyText.Of($"rewrite the value with its proper type ({Mentions.ModeOrServers(" / ")} write the right kinds); hand edits and scripts often create REG_SZ where REG_DWORD or REG_MULTI_SZ is expected.");
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps => [.. StepTexts.Select(s => s.ToString())];
    /// <inheritdoc />
    public override IReadOnlyList<RemedyText> StepTexts =>
    [
        RemedyText.Of($"On the machine whose registry was read: back up the keys ('{Mentions.Backup}')."),
        RemedyText.Of($"Delete the wrongly typed value and set it again with its proper type (for example '{Mentions.SetMode(LicensingMode.PerUser)}', '{Mentions.SetServers("NAME")}')."),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.TroubleshootingGuidance("the documented values: LicensingMode (a number) and SpecifiedLicenseServers"),
        LearnPages.AzureNoLicenseServer("'reg add ... /v LicensingMode /t REG_DWORD' and '/v SpecifiedLicenseServers /t REG_MULTI_SZ'"),
        LearnPages.SourceNotes("inferences", "that Windows ignores a value of another kind is an inference [L]: the finding says 'probably'"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server\RCM", @"HKLM\SYSTEM\CurrentControlSet\Services\TermService\Parameters", @"HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var u in snapshot.UnexpectedValues)
        {
            yield return Found($"{u.From.Path} is {u.Found}; Windows expects {u.Expected}, so it is probably ignored.", $"{u.From.Path}: {u.Found}");
        }
    }
}

using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS011: what limits the report: stale hives, missing sources, unresolved control set.</summary>
public sealed class DataQualityRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.DataQuality;
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "The registry read is incomplete or may be stale";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.MachineRead;
    /// <inheritdoc />
    public override string Remedy => RemedyTargets.Prefix(AppliesTo)
        + "copy both hives (SYSTEM and SOFTWARE, and SECURITY for domain membership) with their .LOG1/.LOG2 files beside them, and give them all to rdscal, so policy and recent changes are seen.";
    /// <inheritdoc />
    public override RemedyAction Action => new(RemedyKind.ReadStatus, RemedyTarget.MachineRead) { Inputs = StatusInputs.System | StatusInputs.Software | StatusInputs.Security };
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps => [.. StepTexts.Select(s => s.ToString())];
    /// <inheritdoc />
    public override IReadOnlyList<RemedyText> StepTexts =>
    [
        RemedyText.Plain("Copy SYSTEM and SOFTWARE from Windows\\System32\\config together with their .LOG, .LOG1 and .LOG2 files."),
        RemedyText.Of($"Run '{Mentions.StatusWithValues(StatusInputs.System | StatusInputs.Software | StatusInputs.Security)}' again."),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.TroubleshootingGuidance("the licensing settings live in both SYSTEM (server setting) and SOFTWARE (policy, which wins)"),
        LearnPages.SourceNotes("inferences", "offline SYSTEM hives have no CurrentControlSet: it is resolved through Select\\Current [general Windows knowledge, not separately sourced]"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SYSTEM\Select\Current"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (string q in snapshot.DataQuality)
        {
            bool missingSoftware = q.StartsWith("no SOFTWARE", StringComparison.Ordinal);
            yield return Found(missingSoftware ? Severity.Info : Severity.Warning, q, q);
        }
    }
}

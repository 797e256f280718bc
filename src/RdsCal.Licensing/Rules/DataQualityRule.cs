using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS011: what limits the report: stale hives, missing sources, unresolved control set.</summary>
public sealed class DataQualityRule : DiagnosticRule
{
    /// <inheritdoc />
    public override string Code => "RDS011";
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "The registry read is incomplete or may be stale";
    /// <inheritdoc />
    public override string Remedy => "Give both hives (--system and --software), with their .LOG1/.LOG2 files beside them, so policy and recent changes are seen.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "Copy SYSTEM and SOFTWARE from Windows\\System32\\config together with their .LOG, .LOG1 and .LOG2 files.",
        "Run 'rdscal status --system SYSTEM --software SOFTWARE' again.",
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

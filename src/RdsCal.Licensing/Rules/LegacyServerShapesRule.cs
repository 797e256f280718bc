using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS006: license server lists in shapes current Windows does not read.</summary>
public sealed class LegacyServerShapesRule : DiagnosticRule
{
    /// <inheritdoc />
    public override string Code => "RDS006";
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "License servers are listed in a legacy or misplaced shape";
    /// <inheritdoc />
    public override string Remedy => "Move the names to the value current Windows reads: 'rdscal set-servers NAME...' writes Parameters\\LicenseServers\\SpecifiedLicenseServers (REG_MULTI_SZ) and offers to remove the old shapes.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "Note the names in the legacy shapes listed below.",
        "Write them where Windows Server 2008 R2 and later read them: 'rdscal set-servers NAME...'.",
        "Remove the legacy shapes once the host licenses correctly (rdscal set-servers offers this; every change is backed up and undoable).",
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
            ? "Current Windows reads only the policy value and Parameters\\LicenseServers\\SpecifiedLicenseServers, and neither is set."
            : $"Current Windows reads [{string.Join(", ", snapshot.Servers.Effective)}] from {snapshot.Servers.From!.Path}.";
        yield return Found($"{legacy.Count} legacy license server shape(s) found. {reads}",
            legacy.Select(s => $"{s.Kind}: {s.From.Path} = [{string.Join(", ", s.Servers)}] ({s.Note})").ToArray());
    }
}

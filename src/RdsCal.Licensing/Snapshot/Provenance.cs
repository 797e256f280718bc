namespace RdsCal.Licensing.Snapshot;

/// <summary>Where a setting's value was read: the Windows path and the input file or source label.</summary>
/// <param name="Path">For example <c>HKLM\SYSTEM\ControlSet001\Control\Terminal Server\RCM\Licensing Core\LicensingMode</c>.</param>
/// <param name="Source">The input it came from (file path or <c>live</c>).</param>
public sealed record Provenance(string Path, string Source)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path} ({Source})";
}

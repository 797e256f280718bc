using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS007: the client's hardware ID is missing or not 20 bytes.</summary>
public sealed class ClientHardwareIdRule : DiagnosticRule
{
    /// <inheritdoc />
    public override string Code => "RDS007";
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "The client license store's hardware ID is damaged";
    /// <inheritdoc />
    public override string Remedy => "Reset the client license cache: 'rdscal client reset' (backs up and deletes HKLM\\SOFTWARE\\Microsoft\\MSLicensing), then run Remote Desktop Connection once as administrator to recreate it.";
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "Close Remote Desktop Connection.",
        "Run 'rdscal client reset' (it backs up MSLicensing to a .reg first and records the change; 'rdscal undo --last' restores it).",
        "Run Remote Desktop Connection once as administrator: a standard user cannot recreate keys under HKLM, so until then connections fail with 'An Error occurred in the Licensing Protocol'.",
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SOFTWARE\Microsoft\MSLicensing\HardwareID\ClientHWID"];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [1003];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages => ["An Error occurred in the Licensing Protocol", "client provided an invalid license"];

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var store = snapshot.ClientStore;
        if (!store.Present || store.HardwareIdSize == 20)
        {
            yield break;
        }
        string found = store.HardwareIdSize is { } n ? $"{n} bytes" : "missing";
        yield return Found($"ClientHWID is {found}; Windows expects 20 bytes (4-byte platform ID + 16 bytes) and regenerates it, which invalidates stored licenses.",
            $"HKLM\\SOFTWARE\\{LicensingPaths.ClientStore}\\HardwareID\\ClientHWID: {found}");
    }
}

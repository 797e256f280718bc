using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS007: the client's hardware ID is missing or not 20 bytes.</summary>
public sealed class ClientHardwareIdRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.ClientHardwareId;
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "The client license store's hardware ID is damaged";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.ConnectingClient;
    /// <inheritdoc />
    public override string Remedy => RemedyText.ToString();
    /// <inheritdoc />
    public override RemedyText RemedyText => RemedyTargets.Prefix(AppliesTo)
        + RemedyText.Of($"this store belongs to the machine read, acting as a Remote Desktop client. Reset its license cache there: '{Mentions.ResetClientStore}' (backs up and deletes HKLM\\SOFTWARE\\Microsoft\\MSLicensing), then run Remote Desktop Connection once as administrator to recreate it. Never run it on an RD Session Host to fix its users' errors: their stores are on their own machines.");
    /// <inheritdoc />
    public override RemedyAction Action => new(RemedyKind.ResetClientStore, RemedyTarget.ConnectingClient);
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps => [.. StepTexts.Select(s => s.ToString())];
    /// <inheritdoc />
    public override IReadOnlyList<RemedyText> StepTexts =>
    [
        RemedyText.Plain("On the connecting client (the machine whose MSLicensing this is), close Remote Desktop Connection."),
        RemedyText.Of($"On the connecting client, run '{Mentions.ResetClientStore}' (it backs up MSLicensing to a .reg first and records the change; '{Mentions.UndoLast}' restores it). rdscal refuses on an RD Session Host unless {Mentions.ForceSwitch}."),
        RemedyText.Plain("On the connecting client, run Remote Desktop Connection once as administrator: a standard user cannot recreate keys under HKLM, so until then connections fail with 'An Error occurred in the Licensing Protocol'."),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.RemoveClientLicenses("the client's license cache is HKLM\\SOFTWARE\\Microsoft\\MSLicensing on the client; deleting it makes the client get a new license; run Remote Desktop Connection once as administrator afterwards"),
        LearnPages.SourceNotes("inferences", "ClientHWID is 20 bytes (4-byte platform ID + 16 bytes) [M: Windows SDK constant and FreeRDP], and Windows regenerates a missing or wrongly sized ID [M: 2003-era source]; what then happens to the stored licenses is not documented"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SOFTWARE\Microsoft\MSLicensing\HardwareID\ClientHWID"];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [1003];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages => ["An Error occurred in the Licensing Protocol", "has provided an invalid license"];
    /// <inheritdoc />
    public override string HowToTell => HowToTellText.ToString();
    /// <inheritdoc />
    public override RemedyText HowToTellText => RemedyText.Of($"Event 1003 on the RD Session Host names the client; '{Mentions.Status(StatusInputs.Software)}' on that client's SOFTWARE hive shows ClientHWID missing or not 20 bytes.");

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
        yield return Found($"ClientHWID is {found}; the client expects 20 bytes (4-byte platform ID + 16 bytes) and probably regenerates it; what that does to the licenses it stores is not documented.",
            $"HKLM\\SOFTWARE\\{LicensingPaths.ClientStore}\\HardwareID\\ClientHWID: {found}");
    }
}

using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>RDS008: stored client licenses that are empty, duplicated or expired.</summary>
public sealed class ClientLicenseStoreRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.ClientLicenseStore;
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "The client license store holds empty, duplicate or expired licenses";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.ConnectingClient;
    /// <inheritdoc />
    public override string Remedy => RemedyText.ToString();
    /// <inheritdoc />
    public override RemedyText RemedyText => RemedyTargets.Prefix(AppliesTo)
        + RemedyText.Of($"this store belongs to the machine read, acting as a Remote Desktop client. If it fails to connect with a licensing error, reset its license cache there ('{Mentions.ResetClientStore}'), then run Remote Desktop Connection once as administrator; the next connection obtains a fresh license.");
    /// <inheritdoc />
    public override RemedyAction Action => new(RemedyKind.ResetClientStore, RemedyTarget.ConnectingClient);
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps => [.. StepTexts.Select(s => s.ToString())];
    /// <inheritdoc />
    public override IReadOnlyList<RemedyText> StepTexts =>
    [
        RemedyText.Of($"On the connecting client (the machine whose MSLicensing this is), run '{Mentions.ResetClientStore}' (backed up, recorded, undoable). rdscal refuses on an RD Session Host unless {Mentions.ForceSwitch}."),
        RemedyText.Plain("On the connecting client, run Remote Desktop Connection once as administrator so the store can be recreated."),
        RemedyText.Plain($"If the RD Session Host logs event 1028 (license could not be renewed), the client store is not the cause: see {RuleCode.LicenseServerUnreachable} and {RuleCode.NoCalsForMode}."),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.RemoveClientLicenses("the client's license cache (MSLicensing) is on the client; deleting it makes the client get a new license at the next connection; run Remote Desktop Connection as administrator afterwards"),
        LearnPages.ClientAccessLicenses("temporary and permanent per-device CALs and their renewal"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [@"HKLM\SOFTWARE\Microsoft\MSLicensing\Store"];
    /// <inheritdoc />
    public override IReadOnlyList<int> EventIds => [1003];
    /// <inheritdoc />
    public override IReadOnlyList<string> Messages =>
    [
        "An Error occurred in the Licensing Protocol",
        "client provided an invalid license",
        "has provided an invalid license",
    ];
    /// <inheritdoc />
    public override string HowToTell => HowToTellText.ToString();
    /// <inheritdoc />
    public override RemedyText HowToTellText => RemedyText.Of($"Event 1003 names the client; '{Mentions.Status(StatusInputs.Software)}' on that client's SOFTWARE hive shows empty or duplicated LICENSEnnn entries.");

    /// <inheritdoc />
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var licenses = snapshot.ClientStore.Licenses;
        foreach (var l in licenses.Where(l => l.LicenseSize == 0))
        {
            yield return Found($"{l.Name} has no ClientLicense data.", $"{l.From.Path}\\ClientLicense: empty or missing");
        }
        foreach (var group in licenses.Where(l => l.Sha256 is not null).GroupBy(l => l.Sha256).Where(g => g.Count() > 1))
        {
            yield return Found($"{string.Join(" and ", group.Select(l => l.Name))} hold the same license (SHA-256 {group.Key![..16]}…).",
                group.Select(l => $"{l.From.Path}\\ClientLicense: SHA-256 {l.Sha256}").ToArray());
        }
        foreach (var l in licenses.Where(l => l.Certificate is { } c && c.NotAfter < snapshot.ReadAt))
        {
            yield return Found(Severity.Info, $"{l.Name} expired on {l.Certificate!.NotAfter:yyyy-MM-dd}; the client renews it at its next connection if the license server allows.",
                $"{l.From.Path}\\ClientLicense: valid until {l.Certificate.NotAfter:u}");
        }
    }
}

using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>
/// RDS024: found from the event log only: licensing events that no rule explains from what the registry holds now
/// (a "no license server specified" while one is, a license-server or Active Directory event, an error code), so the
/// log names a cause the registry does not show, or predates the setting that cured it.
/// </summary>
public sealed class UnexplainedEventsRule : DiagnosticRule
{
    /// <inheritdoc />
    public override RuleCode Code => RuleCode.UnexplainedEvents;
    /// <inheritdoc />
    public override Severity Severity => Severity.Warning;
    /// <inheritdoc />
    public override string Title => "The event log holds licensing events the registry does not explain";
    /// <inheritdoc />
    public override RemedyTarget AppliesTo => RemedyTarget.SessionHost;
    /// <inheritdoc />
    public override string Remedy => RemedyText.ToString();
    /// <inheritdoc />
    public override RemedyText RemedyText => RemedyTargets.Prefix(AppliesTo)
        + RemedyText.Of($"read what each event means ('{Mentions.Explain("ID")}'); where the registry already holds the setting an event asks for, the event predates it or the service has not read it since: raw registry changes take effect when the Remote Desktop Services service restarts or the machine reboots, so check that the event stops after that ('{Mentions.CompareEvents("ID")}' for a change rdscal made).");
    /// <inheritdoc />
    public override IReadOnlyList<string> Steps =>
    [
        "Read each event's meaning and Windows' own text: the event names the machine it is about (a client, a license server) and often an error code.",
        "Compare the events' times with the settings' last change: an event logged only before the change is history, not a current fault.",
        "Where an event goes on after the Remote Desktop Services service restarted, its cause is not in this host's licensing registry: follow the event's own text (a license server's group membership, Active Directory, the client's licence store).",
    ];
    /// <inheritdoc />
    public override string HowToTell =>
        "Every licensing event the log holds is matched to the rules that explain it; those whose rules find nothing in the registry are this finding, with their counts and when they were last logged.";
    /// <inheritdoc />
    public override IReadOnlyList<RuleSource> Sources =>
    [
        LearnPages.AzureNoLicenseServer("restart the VM after the registry changes, so the session host reads them"),
        LearnPages.TermsrvMessageTable("the texts of the session host's licensing events"),
        LearnPages.SourceNotes("license-server-events", "the license server's own events (4105, 75, 4141) and their causes"),
    ];
    /// <inheritdoc />
    public override IReadOnlyList<string> Paths => [];
    /// <inheritdoc />
    public override bool DetectableOffline => false;

    /// <summary>Found from the event log, not the registry: <see cref="Events.EventFindings"/> makes its findings.</summary>
    public override IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot) => [];
}

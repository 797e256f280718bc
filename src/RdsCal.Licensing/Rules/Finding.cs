namespace RdsCal.Licensing.Rules;

/// <summary>
/// One thing the diagnosis found, one per cause: which rule, how serious, what it means, what to do, and what it rests
/// on, gathered from every source that saw the cause: the registry and the license-server probes as text
/// (<see cref="Evidence"/>), the event log as the events logged (<see cref="Events"/>).
/// </summary>
/// <param name="Code">The rule's stable code (RDS001, …).</param>
/// <param name="Severity">How serious.</param>
/// <param name="Message">What is wrong, in this machine's terms.</param>
/// <param name="Remedy">What to do, starting with the machine to do it on.</param>
/// <param name="Evidence">The registry values (path = value) and probe answers it rests on.</param>
public sealed record Finding(string Code, Severity Severity, string Message, string Remedy, IReadOnlyList<string> Evidence)
{
    /// <summary>The machine the remedy is carried out on.</summary>
    public RemedyTarget AppliesTo { get; init; } = RemedyTarget.SessionHost;

    /// <summary>The public sources for the rule's statements and remedy.</summary>
    public IReadOnlyList<RuleSource> Sources { get; init; } = [];

    /// <summary>The licensing events logged for this cause (empty when no event log was read, or none was logged).</summary>
    public IReadOnlyList<EventEvidence> Events { get; init; } = [];

    /// <summary>The remedy's main action and its machine, as data (null for a finding read back without one).</summary>
    public RemedyAction? Action { get; init; }

    /// <summary><see cref="Remedy"/> with the actions it names as data, for a front end to word (<see cref="RemedyWording.Word(Finding)"/>).</summary>
    public RemedyText? RemedyText { get; init; }

    /// <summary><see cref="Message"/> with the actions it names as data, when it names any.</summary>
    public RemedyText? MessageText { get; init; }
}

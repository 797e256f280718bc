using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>
/// One diagnostic rule: stable code, severity, what it explains (event IDs and error texts admins see), the
/// steps to fix it, the machine the fix is carried out on, and the public sources for what it says.
/// <see cref="Evaluate"/> is a pure function of a snapshot.
/// </summary>
public abstract class DiagnosticRule
{
    /// <summary>Stable code.</summary>
    public abstract RuleCode Code { get; }

    /// <summary>Default severity.</summary>
    public abstract Severity Severity { get; }

    /// <summary>One-line title.</summary>
    public abstract string Title { get; }

    /// <summary>The machine the remedy is carried out on.</summary>
    public abstract RemedyTarget AppliesTo { get; }

    /// <summary>What to do about it; starts by naming the machine (<see cref="RemedyTargets.Prefix"/>). Names actions in neutral words (<see cref="RemedyText"/> holds them as data).</summary>
    public abstract string Remedy { get; }

    /// <summary>The remedy with the actions it names as data, for each front end to word.</summary>
    public virtual RemedyText RemedyText => RemedyText.Plain(Remedy);

    /// <summary>
    /// The remedy's main action and its machine: a step by hand on <see cref="AppliesTo"/> with the rule's first source
    /// unless the rule names an rdscal action.
    /// </summary>
    public virtual RemedyAction Action => new(RemedyKind.Manual, AppliesTo) { Learn = Sources.Count > 0 ? Sources[0] : null };

    /// <summary>Numbered steps for explaining the rule; each names its machine where it differs from <see cref="AppliesTo"/>.</summary>
    public abstract IReadOnlyList<string> Steps { get; }

    /// <summary>The steps with the actions they name as data.</summary>
    public virtual IReadOnlyList<RemedyText> StepTexts => [.. Steps.Select(RemedyText.Plain)];

    /// <summary>The public sources for the rule's statements and remedy.</summary>
    public abstract IReadOnlyList<RuleSource> Sources { get; }

    /// <summary>Registry paths the rule reads.</summary>
    public abstract IReadOnlyList<string> Paths { get; }

    /// <summary>Event IDs it explains (as one cause among others when several rules list the same ID).</summary>
    public virtual IReadOnlyList<int> EventIds => [];

    /// <summary>User-visible messages it explains (matched case-insensitively, in part; <c>&lt;name&gt;</c> matches one word).</summary>
    public virtual IReadOnlyList<string> Messages => [];

    /// <summary>
    /// Texts the connecting client shows when the session host refuses it (matched like <see cref="Messages"/>); Microsoft
    /// documents them as the client's disconnect reasons, so they are said as shown by the client, not logged by a server.
    /// </summary>
    public virtual IReadOnlyList<string> ClientMessages => [];

    /// <summary>How to tell this cause from the others that share its events, or null.</summary>
    public virtual string? HowToTell => null;

    /// <summary><see cref="HowToTell"/> with the actions it names as data, or null.</summary>
    public virtual RemedyText? HowToTellText => HowToTell is { } tell ? RemedyText.Plain(tell) : null;

    /// <summary>True when the rule can be detected from the registry (false: explain-only knowledge).</summary>
    public virtual bool DetectableOffline => true;

    /// <summary>The findings for a snapshot (none when all is well).</summary>
    public abstract IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot);

    /// <summary>A finding of this rule.</summary>
    protected Finding Found(string message, params string[] evidence) => Found(Severity, message, evidence);

    /// <summary>A finding of this rule observed live (by a license server probe) rather than read from the registry.</summary>
    internal Finding Observed(string message, IReadOnlyList<string> evidence) => Found(message, [.. evidence]);

    /// <summary>
    /// A finding observed live with another severity than the rule's own: a rule whose registry finding only warns of a
    /// policy (RDS013) is an error once the license server says it refuses this host.
    /// </summary>
    internal Finding Observed(Severity severity, string message, IReadOnlyList<string> evidence) => Found(severity, message, [.. evidence]);

    /// <summary>A finding of this rule with another severity.</summary>
    protected Finding Found(Severity severity, string message, params string[] evidence) =>
        new(Code.ToString(), severity, message, Remedy, evidence) { AppliesTo = AppliesTo, Sources = Sources, Action = Action, RemedyText = RemedyText };

    /// <summary>A finding whose message names actions (for each front end to word).</summary>
    internal Finding Found(Severity severity, RemedyText message, params string[] evidence) =>
        Found(severity, message.ToString(), evidence) with { MessageText = message };
}

using RdsCal.Licensing.Snapshot;

namespace RdsCal.Licensing.Rules;

/// <summary>
/// One diagnostic rule: stable code, severity, what it explains (event IDs and error texts admins see) and the
/// steps to fix it. <see cref="Evaluate"/> is a pure function of a snapshot.
/// </summary>
public abstract class DiagnosticRule
{
    /// <summary>Stable code, e.g. <c>RDS001</c>.</summary>
    public abstract string Code { get; }

    /// <summary>Default severity.</summary>
    public abstract Severity Severity { get; }

    /// <summary>One-line title.</summary>
    public abstract string Title { get; }

    /// <summary>What to do about it.</summary>
    public abstract string Remedy { get; }

    /// <summary>Numbered steps for <c>rdscal explain</c>.</summary>
    public abstract IReadOnlyList<string> Steps { get; }

    /// <summary>Registry paths the rule reads.</summary>
    public abstract IReadOnlyList<string> Paths { get; }

    /// <summary>Event IDs it explains.</summary>
    public virtual IReadOnlyList<int> EventIds => [];

    /// <summary>User-visible messages it explains (matched case-insensitively, in part).</summary>
    public virtual IReadOnlyList<string> Messages => [];

    /// <summary>True when the rule can be detected from the registry (false: explain-only knowledge).</summary>
    public virtual bool DetectableOffline => true;

    /// <summary>The findings for a snapshot (none when all is well).</summary>
    public abstract IEnumerable<Finding> Evaluate(LicensingSnapshot snapshot);

    /// <summary>A finding of this rule.</summary>
    protected Finding Found(string message, params string[] evidence) => new(Code, Severity, message, Remedy, evidence);

    /// <summary>A finding of this rule with another severity.</summary>
    protected Finding Found(Severity severity, string message, params string[] evidence) => new(Code, severity, message, Remedy, evidence);
}

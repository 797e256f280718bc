namespace RdsCal.Licensing.Rules;

/// <summary>How much of an action a text shows.</summary>
public enum MentionShape
{
    /// <summary>The whole command: the operation and its arguments.</summary>
    Command,
    /// <summary>Only the switches that set the action's options apart (a front end's <c>--x</c> or <c>-X</c>).</summary>
    Switches,
}

/// <summary>
/// A place in a <see cref="RemedyText"/> that names rdscal actions. Several actions share one mention when a text
/// names two operations at once (the mode or the servers), <see cref="Joiner"/> between them; <see cref="ShowValues"/>
/// shows the placeholders of the inputs a status read needs (SYSTEM, SOFTWARE, SECURITY).
/// </summary>
/// <param name="Actions">The actions named, at least one.</param>
/// <param name="Shape">The whole command or only its switches.</param>
public sealed record RemedyMention(IReadOnlyList<RemedyAction> Actions, MentionShape Shape)
{
    /// <summary>The words between the actions' operations or switches.</summary>
    public string Joiner { get; init; } = " ";

    /// <summary>Whether the inputs' placeholders follow their switches.</summary>
    public bool ShowValues { get; init; }
}

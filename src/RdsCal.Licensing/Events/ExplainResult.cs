using System.Globalization;
using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Events;

/// <summary>A text that circulates as a Windows error but is not one: what it really is, and the source.</summary>
/// <param name="Explanation">What the text is and what to look for instead (naming actions as data, for a front end to word).</param>
/// <param name="Source">Where that is established.</param>
public sealed record NotAWindowsMessage(RemedyText Explanation, RuleSource Source);

/// <summary>
/// What <c>explain</c> answers for a query, the same for every front end: the event an id names (with Windows' text,
/// log and sources), the rules that explain its causes or the message, or the note that the text is not Windows' at
/// all. Each front end words it.
/// </summary>
/// <param name="Query">What was asked, trimmed of quotes.</param>
/// <param name="Event">The catalogue event the query's number names, or null.</param>
/// <param name="Rules">The rules that explain it (every cause, in catalogue order).</param>
/// <param name="NotWindows">Set when the text is a known invention, not a Windows message (then no rules are given).</param>
public sealed record ExplainResult(string Query, LicensingEvent? Event, IReadOnlyList<DiagnosticRule> Rules, NotAWindowsMessage? NotWindows)
{
    /// <summary>True when anything explains the query.</summary>
    public bool Found => Event is not null || Rules.Count > 0 || NotWindows is not null;

    /// <summary>The ids the catalogue explains, for a front end to suggest when nothing was found.</summary>
    public static IReadOnlyList<int> KnownIds => [.. EventCatalog.All.Select(e => e.Id).Order()];

    /// <summary>Explains an event id, a rule code or (part of) a message.</summary>
    public static ExplainResult For(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string q = query.Trim().Trim('"', '\'');
        if (InventedMessages.Find(q) is { } invented)
        {
            return new ExplainResult(q, null, [], new NotAWindowsMessage(invented.Explanation, invented.Source));
        }
        var ev = int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out int id) ? EventCatalog.Find(id) : null;
        return new ExplainResult(q, ev, RuleCatalog.Explain(q), null);
    }
}

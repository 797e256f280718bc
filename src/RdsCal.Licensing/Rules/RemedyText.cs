using System.Runtime.CompilerServices;
using System.Text;

namespace RdsCal.Licensing.Rules;

/// <summary>
/// A remedy, step or note as text that names rdscal actions as data (<see cref="RemedyMention"/>) rather than in any
/// front end's words: <see cref="Word"/> puts a front end's words in. <see cref="ToString"/> uses
/// <see cref="RemedyWording.Plain"/>, the library's own neutral words.
/// </summary>
public sealed class RemedyText
{
    private readonly IReadOnlyList<object> _parts;

    private RemedyText(IReadOnlyList<object> parts) => _parts = parts;

    /// <summary>A text that names no action.</summary>
    public static RemedyText Plain(string text) => new([text]);

    internal static RemedyText Of(RemedyTextBuilder text) => new(text.Parts);

    /// <summary>The actions the text names, in order.</summary>
    public IReadOnlyList<RemedyMention> Mentions => [.. _parts.OfType<RemedyMention>()];

    /// <summary>The text in <paramref name="wording"/>'s words.</summary>
    public string Word(RemedyWording wording)
    {
        ArgumentNullException.ThrowIfNull(wording);
        var text = new StringBuilder();
        foreach (object part in _parts)
        {
            text.Append(part as string ?? wording.Mention((RemedyMention)part));
        }
        return text.ToString();
    }

    /// <summary>The text in the library's neutral words.</summary>
    public override string ToString() => Word(RemedyWording.Plain);

    /// <summary>The text with <paramref name="prefix"/> before it (a machine's prefix, <see cref="RemedyTargets.Prefix"/>).</summary>
    public static RemedyText operator +(string prefix, RemedyText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new([prefix, .. text._parts]);
    }
}

/// <summary>Builds a <see cref="RemedyText"/> from an interpolated string: literal parts stay text, holes name actions.</summary>
[InterpolatedStringHandler]
internal readonly struct RemedyTextBuilder
{
    public RemedyTextBuilder(int literalLength, int formattedCount) => Parts = new List<object>(formattedCount * 2 + 1);

    public List<object> Parts { get; }

    public void AppendLiteral(string text) => Parts.Add(text);

    public void AppendFormatted(string text) => Parts.Add(text);

    public void AppendFormatted(RemedyMention mention) => Parts.Add(mention);

    /// <summary>An action as a whole command.</summary>
    public void AppendFormatted(RemedyAction action) => Parts.Add(new RemedyMention([action], MentionShape.Command));
}

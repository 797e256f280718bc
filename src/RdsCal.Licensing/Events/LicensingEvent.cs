using System.Globalization;
using System.Text;
using RdsCal.Licensing.Rules;

namespace RdsCal.Licensing.Events;

/// <summary>Which Windows builds log an event under this id: the session host's licensing events changed ids in build 17134.</summary>
public enum EventEra
{
    /// <summary>Every Windows version rdscal knows logs it under this id.</summary>
    AllVersions,
    /// <summary>Only builds before 17134 (Windows Server 2016 and older) log it under this id, with qualifiers 0xC000, in the System log.</summary>
    BeforeBuild17134,
    /// <summary>Build 17134 (Windows 10 1803) and later, Windows Server 2019 (17763) on, in the RemoteConnectionManager Admin channel.</summary>
    Build17134AndLater,
    /// <summary>Build 19041 and later only.</summary>
    Build19041AndLater,
}

/// <summary>
/// A Windows event rdscal explains: who logs it and where, Windows' own message text (with its <c>%1</c> insertion
/// strings), what it means, and the sources for that. The rules that explain its causes list its id.
/// </summary>
/// <param name="Id">The event id as Event Viewer shows it.</param>
/// <param name="Provider">The provider name in the record's System element.</param>
/// <param name="Channel">The log (channel) it is written to.</param>
/// <param name="LoggedOn">The machine that logs it.</param>
/// <param name="Message">Windows' message text; <c>%1</c>, <c>%2</c> … stand for the record's data items in order. Null where no source gives the text.</param>
/// <param name="Meaning">What it means, as far as the sources say.</param>
/// <param name="Sources">Where the text and the meaning come from, with how firm each is.</param>
public sealed record LicensingEvent(int Id, string Provider, string Channel, RemedyTarget LoggedOn, string? Message, string Meaning, IReadOnlyList<RuleSource> Sources)
{
    /// <summary>The builds that log it under this id.</summary>
    public EventEra Era { get; init; } = EventEra.AllVersions;

    /// <summary>The id the same message has in the other numbering (50280 for 1128, 1128 for 50280), or null.</summary>
    public int? SameMessageAs { get; init; }

    /// <summary>The qualifiers a classic (pre-manifest) record carries, or null where none are documented.</summary>
    public int? Qualifiers { get; init; }

    /// <summary>The classic event source name (<c>TermService</c>, <c>TermServLicensing</c>), or null.</summary>
    public string? EventSourceName { get; init; }

    /// <summary>The level Windows logs it at where a source shows it, or null when no source does.</summary>
    public string? Level { get; init; }

    /// <summary>Where it is logged, in words: "the RD Session Host, log …".</summary>
    public string Where => $"the {RemedyTargets.Name(LoggedOn)}, log {Channel}";

    /// <summary>Which builds log it under this id, in words.</summary>
    public string EraText => Era switch
    {
        EventEra.BeforeBuild17134 => $"Windows Server 2016 and older (builds before 17134){(SameMessageAs is { } n ? $"; later builds log it as {n}" : string.Empty)}",
        EventEra.Build17134AndLater => $"build 17134 and later (Windows Server 2019 on){(SameMessageAs is { } o ? $"; older builds log it as {o}" : string.Empty)}",
        EventEra.Build19041AndLater => "build 19041 and later",
        _ => "every version",
    };

    /// <summary>The message as Event Viewer shows it: each <c>%n</c> replaced by the record's n-th data item (left as is where the record has none).</summary>
    public string? Render(IReadOnlyList<string> insertions)
    {
        ArgumentNullException.ThrowIfNull(insertions);
        if (Message is null)
        {
            return null;
        }
        var text = new StringBuilder(Message.Length + 32);
        for (int i = 0; i < Message.Length; i++)
        {
            int digits = 0;
            while (Message[i] == '%' && i + 1 + digits < Message.Length && char.IsAsciiDigit(Message[i + 1 + digits]))
            {
                digits++;
            }
            if (digits > 0 && int.TryParse(Message.AsSpan(i + 1, digits), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && n <= insertions.Count)
            {
                text.Append(insertions[n - 1]);
                i += digits;
                continue;
            }
            text.Append(Message[i]);
        }
        return text.ToString();
    }
}

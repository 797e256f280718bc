namespace RdsCal.Licensing.Rules;

/// <summary>Texts that circulate as Windows errors but are not Windows messages.</summary>
public static class InventedMessages
{
    private static readonly (string Text, RemedyText Explanation, RuleSource Source)[] Texts =
    [
        ("The Remote Desktop trial period has expired",
            RemedyText.Of($"This is not a Windows message: it comes from invented web articles. The real messages are 'The remote session was disconnected because there are no Remote Desktop License Servers available to provide a license' (client) and events 1069, 1128 and 1130 on the RD Session Host; try '{Mentions.Explain("1128")}'."),
            LearnPages.SourceNotes("invented", "absent from termsrv.dll's message table, Microsoft Learn and the client's disconnect reasons [H]; the real client message is quoted in 'Cannot connect to RDS because no RD Licensing servers are available'")),
    ];

    /// <summary>The explanation for a text that is not a Windows message (naming actions as data, for a front end to word), or null.</summary>
    public static (RemedyText Explanation, RuleSource Source)? Find(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string q = query.Trim().Trim('"', '\'');
        foreach (var (text, explanation, source) in Texts)
        {
            if (q.Length >= 12 && (text.Contains(q, StringComparison.OrdinalIgnoreCase) || q.Contains(text, StringComparison.OrdinalIgnoreCase)))
            {
                return (explanation, source);
            }
        }
        return null;
    }
}

using System.Text;

namespace RdsCal.EventLog;

/// <summary>Writes record XML as Event Viewer's XML view shows it: two-space indents, empty elements closed with "/&gt;".</summary>
internal static class EventXmlWriter
{
    public static string Write(IReadOnlyList<EvtxNode> nodes)
    {
        var sb = new StringBuilder();
        foreach (EvtxNode node in nodes)
        {
            WriteNode(sb, node, 0);
        }
        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, EvtxNode node, int depth)
    {
        if (node is EvtxText text)
        {
            sb.Append(' ', depth * 2);
            Escape(sb, text.Value.Text, attribute: false);
            sb.Append('\n');
            return;
        }
        var e = (EvtxElement)node;
        sb.Append(' ', depth * 2).Append('<').Append(e.Name);
        foreach (EvtxAttribute a in e.Attributes)
        {
            sb.Append(' ').Append(a.Name).Append("=\"");
            Escape(sb, a.Value.Text, attribute: true);
            sb.Append('"');
        }
        if (e.Children.Count == 0)
        {
            sb.Append("/>\n");
            return;
        }
        if (OnlyText(e.Children))
        {
            sb.Append('>');
            foreach (EvtxNode c in e.Children)
            {
                Escape(sb, ((EvtxText)c).Value.Text, attribute: false);
            }
            sb.Append("</").Append(e.Name).Append(">\n");
            return;
        }
        sb.Append(">\n");
        foreach (EvtxNode c in e.Children)
        {
            WriteNode(sb, c, depth + 1);
        }
        sb.Append(' ', depth * 2).Append("</").Append(e.Name).Append(">\n");
    }

    private static bool OnlyText(IReadOnlyList<EvtxNode> children)
    {
        foreach (EvtxNode c in children)
        {
            if (c is not EvtxText)
            {
                return false;
            }
        }
        return true;
    }

    private static void Escape(StringBuilder sb, string s, bool attribute)
    {
        // Most values need no escaping: append them whole.
        if (s.AsSpan().IndexOfAny(attribute ? "<>&\"" : "<>&") < 0)
        {
            sb.Append(s);
            return;
        }
        foreach (char c in s)
        {
            _ = c switch
            {
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '&' => sb.Append("&amp;"),
                '"' when attribute => sb.Append("&quot;"),
                _ => sb.Append(c),
            };
        }
    }
}

using System.Globalization;
using System.Text;
using System.Xml;

namespace RdsCal.Licensing.Events;

/// <summary>
/// The part of a forwarding query that reads one channel: the channel and one XPath per provider that logs catalogue
/// events there, each selecting exactly that provider's catalogue ids.
/// </summary>
/// <param name="Channel">The channel (log) the query reads, as a subscription's <c>Query Path</c> names it.</param>
/// <param name="Selects">The XPath expressions of its <c>Select</c> elements, one per provider.</param>
internal sealed record ForwardedChannel(string Channel, IReadOnlyList<string> Selects);

/// <summary>
/// A source-initiated Windows Event Forwarding subscription (the file <c>wecutil cs</c> takes) that forwards exactly the
/// licensing events of the <see cref="EventCatalog"/>, both numberings and the license server's, from every channel
/// they are logged in, to the collector's ForwardedEvents log.
/// </summary>
/// <remarks>
/// Microsoft publishes no schema for the file. Its shape is the source-initiated example of "Setting up a Source
/// Initiated Subscription" (https://learn.microsoft.com/windows/win32/wec/setting-up-a-source-initiated-subscription),
/// element for element, except <c>Expires</c>: the <c>wecutil</c> page's own example
/// (https://learn.microsoft.com/windows-server/administration/windows-commands/wecutil) has none, and a date printed
/// by a tool would silently stop the forwarding the day it passes.
/// </remarks>
public static class ForwardingSubscription
{
    /// <summary>The namespace of a subscription file, as Microsoft's examples write it.</summary>
    internal const string Namespace = "http://schemas.microsoft.com/2006/03/windows/events/subscription";

    /// <summary>The subscription's id (<c>wecutil gs RdsCal-Licensing</c> shows it on the collector).</summary>
    internal const string SubscriptionId = "RdsCal-Licensing";

    // "Query Schema", QueryType (https://learn.microsoft.com/windows/win32/wes/queryschema-querytype-complextype):
    // the XPath of a Select "is limited to 32 expressions"; runs of ids are written as ranges to stay far below it.
    internal const int MaxExpressionsPerSelect = 32;

    /// <summary>The channels the query reads, in catalogue order, each with its selects.</summary>
    internal static IReadOnlyList<ForwardedChannel> Channels { get; } = Build();

    /// <summary>The subscription file's text (XML without a declaration, with comments that say what the collector and sources need).</summary>
    public static string Xml()
    {
        var text = new StringBuilder();
        using (var w = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = true, IndentChars = "    ", OmitXmlDeclaration = true }))
        {
            w.WriteStartElement("Subscription", Namespace);
            w.WriteComment(" rdscal: the RDS licensing events of rdscal's catalogue (docs/events.md). Create it on the collector with 'wecutil cs FILE'; "
                + "the sources find the collector through the 'Configure target Subscription Manager' policy. ");
            Element(w, "SubscriptionId", SubscriptionId);
            Element(w, "SubscriptionType", "SourceInitiated");
            Element(w, "Description", "RDS licensing events (session hosts and license servers), as rdscal's catalogue lists them");
            Element(w, "Enabled", "true");
            Element(w, "Uri", "http://schemas.microsoft.com/wbem/wsman/1/windows/EventLog");
            // Custom, so the batching below applies: licensing events are rare, so each goes on its own, within 30 s.
            Element(w, "ConfigurationMode", "Custom");
            w.WriteStartElement("Delivery");
            w.WriteAttributeString("Mode", "Push");
            w.WriteStartElement("Batching");
            Element(w, "MaxItems", "1");
            Element(w, "MaxLatencyTime", "30000");
            w.WriteEndElement();
            w.WriteStartElement("PushSettings");
            w.WriteStartElement("Heartbeat");
            w.WriteAttributeString("Interval", "900000");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("Query");
            w.WriteCData(QueryList());
            w.WriteEndElement();
            // The events already logged come too: a grace period that ran out last week is the reason to look.
            Element(w, "ReadExistingEvents", "true");
            Element(w, "TransportName", "http");
            // RenderedText carries each message as the source rendered it, so the collector needs no RDS message files.
            Element(w, "ContentFormat", "RenderedText");
            w.WriteStartElement("Locale");
            w.WriteAttributeString("Language", "en-US");
            w.WriteEndElement();
            Element(w, "LogFile", "ForwardedEvents");
            Element(w, "AllowedSourceNonDomainComputers", string.Empty);
            w.WriteComment(" Read access. On each source the forwarder reads the channels of the query as NETWORK SERVICE: Microsoft's setup page "
                + "(https://learn.microsoft.com/windows/win32/wec/setting-up-a-source-initiated-subscription) has it added to the Event Log Readers group "
                + "to forward the Security log. These channels are System and the RemoteConnectionManager Admin and Operational logs; 'wevtutil gl CHANNEL' "
                + "shows who may read one (channelAccess), and the source's Microsoft-Windows-Eventlog-ForwardingPlugin/Operational log shows "
                + "whether the forwarder reached the collector and created the subscription (events 104 and 100 on the same page). "
                + "On the collector, reading ForwardedEvents takes Administrators or the Event Log Readers group "
                + "(https://learn.microsoft.com/windows-server/identity/ad-ds/manage/understand-security-groups#event-log-readers). "
                + "Who may forward: Microsoft's default descriptor, Domain Computers and Network Service; narrow it to the session hosts' and license servers' group. ");
            Element(w, "AllowedSourceDomainComputers", "O:NSG:NSD:(A;;GA;;;DC)(A;;GA;;;NS)");
            w.WriteEndElement();
        }
        return text.Append('\n').ToString();
    }

    /// <summary>The event query inside the subscription: a QueryList with one Query per channel.</summary>
    internal static string QueryList()
    {
        var text = new StringBuilder();
        using (var w = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment }))
        {
            w.WriteStartElement("QueryList");
            for (int i = 0; i < Channels.Count; i++)
            {
                var c = Channels[i];
                w.WriteStartElement("Query");
                w.WriteAttributeString("Id", i.ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("Path", c.Channel);
                foreach (string select in c.Selects)
                {
                    w.WriteStartElement("Select");
                    w.WriteAttributeString("Path", c.Channel);
                    w.WriteString(select);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return "\n" + text + "\n";
    }

    private static void Element(XmlWriter w, string name, string value)
    {
        w.WriteStartElement(name);
        w.WriteString(value);
        w.WriteEndElement();
    }

    // One Query per channel, one Select per provider in it; names are unprefixed as in Microsoft's examples
    // ("Consuming Events", https://learn.microsoft.com/windows/win32/wes/consuming-events: *[System/Level=1]).
    private static List<ForwardedChannel> Build() =>
        [.. EventCatalog.All.GroupBy(e => e.Channel, StringComparer.Ordinal).Select(channel => new ForwardedChannel(channel.Key,
            [.. channel.GroupBy(e => e.Provider, StringComparer.Ordinal).Select(p => Select(p.Key, [.. p.Select(e => e.Id)]))]))];

    private static string Select(string provider, IReadOnlyCollection<int> ids)
    {
        // A run of three or more ids is one range (two comparisons); shorter runs are listed.
        var terms = Runs(ids).SelectMany(r => r.Last - r.First >= 2
            ? [string.Create(CultureInfo.InvariantCulture, $"(EventID>={r.First} and EventID<={r.Last})")]
            : Enumerable.Range(r.First, r.Last - r.First + 1).Select(id => string.Create(CultureInfo.InvariantCulture, $"EventID={id}")));
        return $"*[System[Provider[@Name='{provider}'] and ({string.Join(" or ", terms)})]]";
    }

    private static IEnumerable<(int First, int Last)> Runs(IReadOnlyCollection<int> ids)
    {
        int[] sorted = [.. ids.Distinct().Order()];
        for (int i = 0; i < sorted.Length; i++)
        {
            int first = sorted[i];
            while (i + 1 < sorted.Length && sorted[i + 1] == sorted[i] + 1)
            {
                i++;
            }
            yield return (first, sorted[i]);
        }
    }
}

using System.Text.RegularExpressions;
using System.Xml.Linq;
using System.Xml.XPath;
using RdsCal.EventLog;
using RdsCal.Licensing.Events;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests;

/// <summary>
/// The Windows Event Forwarding subscription. Microsoft publishes no schema for the file, so its shape is checked against
/// the elements of Microsoft's source-initiated example, and its query is run: each Select's XPath is evaluated with
/// System.Xml.XPath against the XML of real records (as Event Viewer shows them) made into each catalogue event, and
/// against real records and near misses that are not catalogue events.
/// </summary>
public sealed partial class ForwardingSubscriptionTests
{
    private static readonly XNamespace Ns = "http://schemas.microsoft.com/2006/03/windows/events/subscription";

    // The elements, in order, of the example in "Setting up a Source Initiated Subscription"
    // (https://learn.microsoft.com/windows/win32/wec/setting-up-a-source-initiated-subscription), with their attributes;
    // Expires is left out on purpose (see ForwardingSubscription's remarks).
    private static readonly string[] MicrosoftExample =
    [
        "SubscriptionId", "SubscriptionType", "Description", "Enabled", "Uri", "ConfigurationMode",
        "Delivery@Mode", "Delivery/Batching", "Delivery/Batching/MaxItems", "Delivery/Batching/MaxLatencyTime",
        "Delivery/PushSettings", "Delivery/PushSettings/Heartbeat@Interval",
        "Query", "ReadExistingEvents", "TransportName", "ContentFormat", "Locale@Language", "LogFile",
        "AllowedSourceNonDomainComputers", "AllowedSourceDomainComputers",
    ];

    private static XElement Subscription() => XDocument.Parse(ForwardingSubscription.Xml()).Root!;

    [Fact]
    public void The_file_has_exactly_the_elements_of_Microsofts_source_initiated_example()
    {
        var root = Subscription();
        Assert.Equal(Ns + "Subscription", root.Name);
        var paths = root.Descendants().Select(e =>
        {
            Assert.Equal(Ns, e.Name.Namespace);
            string path = string.Join('/', e.AncestorsAndSelf().TakeWhile(a => a != root).Reverse().Select(a => a.Name.LocalName));
            return path + string.Concat(e.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => "@" + a.Name.LocalName));
        });
        Assert.Equal(MicrosoftExample, paths);
        Assert.Equal("SourceInitiated", root.Element(Ns + "SubscriptionType")!.Value);
        Assert.Equal("http://schemas.microsoft.com/wbem/wsman/1/windows/EventLog", root.Element(Ns + "Uri")!.Value);
        Assert.Equal("Push", root.Element(Ns + "Delivery")!.Attribute("Mode")!.Value);
        Assert.Equal("ForwardedEvents", root.Element(Ns + "LogFile")!.Value);
        Assert.Equal("O:NSG:NSD:(A;;GA;;;DC)(A;;GA;;;NS)", root.Element(Ns + "AllowedSourceDomainComputers")!.Value);
        // The query travels as a CDATA section holding a QueryList, as in the example.
        Assert.IsType<XCData>(Assert.Single(root.Element(Ns + "Query")!.Nodes()));
    }

    [Fact]
    public void The_comments_say_who_needs_read_access_on_the_sources_and_the_collector()
    {
        string comments = string.Concat(Subscription().Nodes().OfType<XComment>().Select(c => c.Value));
        Assert.Contains("NETWORK SERVICE", comments, StringComparison.Ordinal);
        Assert.Contains("Event Log Readers", comments, StringComparison.Ordinal);
        Assert.Contains("channelAccess", comments, StringComparison.Ordinal);
        Assert.Contains("ForwardedEvents", comments, StringComparison.Ordinal);
    }

    [Fact]
    public void The_query_reads_every_catalogue_channel_and_each_select_stays_within_the_32_expression_limit()
    {
        var queries = QueryList().Elements("Query").ToList();
        Assert.Equal(EventCatalog.All.Select(e => e.Channel).Distinct().Order(StringComparer.Ordinal), queries.Select(q => q.Attribute("Path")!.Value).Order(StringComparer.Ordinal));
        Assert.Equal(queries.Count, queries.Select(q => q.Attribute("Id")!.Value).Distinct().Count());
        foreach (var q in queries)
        {
            foreach (var select in q.Elements("Select"))
            {
                Assert.Equal(q.Attribute("Path")!.Value, select.Attribute("Path")!.Value);
                Assert.InRange(Comparisons().Count(select.Value), 1, ForwardingSubscription.MaxExpressionsPerSelect);
            }
        }
    }

    [TestDataFact]
    public void Every_catalogue_event_is_selected_in_its_channel_in_both_numberings()
    {
        var template = RealRecordXml("2-vss_7-System.evtx", r => r.EventSourceName == "TermService");
        foreach (var e in EventCatalog.All)
        {
            var record = Made(template, e.Provider, e.EventSourceName, e.Id, e.Qualifiers, e.Channel);
            Assert.True(Selected(record), $"{e.Id} ({e.Provider}, {e.Channel}) is not selected");
        }
        Assert.Contains(EventCatalog.All, e => e.Id == 1128 && e.Channel == EventCatalog.System);
        Assert.Contains(EventCatalog.All, e => e.Id == 50280 && e.Channel == EventCatalog.RcmAdmin);
    }

    [TestDataFact]
    public void No_other_event_is_selected_real_records_and_near_misses()
    {
        // Real records: a System log, and 1,774 records of the same RCM provider (events 261 and 1149) in its Operational channel.
        int real = 0;
        foreach (string name in new[] { "system.evtx", "2-vss_7-System.evtx", "2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager-Operational.evtx" })
        {
            using var reader = new EvtxReader(new MemoryStream(TestData.Bytes(TestData.Real("evtx", name + ".gz"))));
            foreach (var r in reader.ReadAll())
            {
                Assert.False(EventCatalog.All.Any(e => e.Id == r.EventId && e.Provider == r.ProviderName), $"{name} record {r.RecordId} is a catalogue event; pick another file");
                Assert.False(Selected(XDocument.Parse(r.ToXml())), $"{name} record {r.RecordId} (event {r.EventId}) is selected");
                real++;
            }
        }
        Assert.Equal(1881 + 1160 + 1774, real);

        // Near misses, made from a real record: a neighbouring id, a catalogue id of another provider, a catalogue id in a channel it is not logged in.
        var template = RealRecordXml("2-vss_7-System.evtx", r => r.EventSourceName == "TermService");
        string[] channels = [.. EventCatalog.All.Select(e => e.Channel).Distinct()];
        foreach (var e in EventCatalog.All)
        {
            foreach (int id in new[] { e.Id - 1, e.Id + 1 }.Where(id => !EventCatalog.All.Any(k => k.Id == id && k.Provider == e.Provider && k.Channel == e.Channel)))
            {
                Assert.False(Selected(Made(template, e.Provider, e.EventSourceName, id, e.Qualifiers, e.Channel)), $"{id} in {e.Channel} is selected");
            }
            Assert.False(Selected(Made(template, "Service Control Manager", "Service Control Manager", e.Id, 16384, e.Channel)), $"{e.Id} of another provider is selected");
            foreach (string other in channels.Where(c => !EventCatalog.All.Any(k => k.Id == e.Id && k.Provider == e.Provider && k.Channel == c)))
            {
                Assert.False(Selected(Made(template, e.Provider, e.EventSourceName, e.Id, e.Qualifiers, other)), $"{e.Id} in {other} is selected");
            }
        }
    }

    [GeneratedRegex(@"EventID(>=|<=|=)\d+|@Name=")]
    private static partial Regex Comparisons();

    private static XElement QueryList()
    {
        var cdata = (XCData)Subscription().Element(Ns + "Query")!.Nodes().Single();
        return XElement.Parse(cdata.Value);
    }

    // The event log matches a record against the Selects of the Query whose Path is the record's channel. Its XPath
    // names elements without a namespace (Microsoft's examples: *[System/Level=1]) while the record XML carries the event
    // namespace, so the namespace is taken off before System.Xml.XPath evaluates it.
    private static bool Selected(XDocument record)
    {
        var plain = new XDocument(Plain(record.Root!));
        string channel = plain.Root!.Element("System")!.Element("Channel")!.Value;
        var navigator = plain.CreateNavigator();
        return QueryList().Elements("Query")
            .Where(q => q.Attribute("Path")!.Value == channel)
            .SelectMany(q => q.Elements("Select"))
            .Any(s => navigator.Select(s.Value).Count > 0);
    }

    private static XElement Plain(XElement e) =>
        new(e.Name.LocalName, e.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => new XAttribute(a.Name.LocalName, a.Value)), e.Nodes().Select(n => n is XElement c ? Plain(c) : n));

    private static XDocument RealRecordXml(string file, Func<EventRecord, bool> which)
    {
        using var reader = new EvtxReader(new MemoryStream(TestData.Bytes(TestData.Real("evtx", file + ".gz"))));
        return XDocument.Parse(reader.ReadAll().First(which).ToXml());
    }

    // A real record's XML with the System fields that make it another event: provider, classic source, id, qualifiers, channel.
    private static XDocument Made(XDocument template, string provider, string? eventSource, int id, int? qualifiers, string channel)
    {
        var doc = new XDocument(template);
        var system = doc.Root!.Elements().Single(e => e.Name.LocalName == "System");
        XElement Field(string name) => system.Elements().Single(e => e.Name.LocalName == name);
        var p = Field("Provider");
        p.SetAttributeValue("Name", provider);
        p.SetAttributeValue("EventSourceName", eventSource);
        var eventId = Field("EventID");
        eventId.Value = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        eventId.SetAttributeValue("Qualifiers", qualifiers?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field("Channel").Value = channel;
        return doc;
    }
}

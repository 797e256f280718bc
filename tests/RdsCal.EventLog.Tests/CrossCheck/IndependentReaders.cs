using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace RdsCal.EventLog.Tests.CrossCheck;

/// <summary>What an independent reader made of one record: its fields, or why it could not render it.</summary>
internal sealed record TheirRecord(ulong Id, RecordFields? Fields, string? Error);

/// <summary>Runs Debian's evtxexport (libevtx) and python-evtx on a file and parses what they print.</summary>
internal static partial class IndependentReaders
{
    /// <summary>
    /// evtxexport -f xml: a banner line, then one Event document per record it could read. Records it cannot read
    /// it leaves out, so the list holds only rendered records; null when it refused the whole file.
    /// </summary>
    public static List<TheirRecord>? Evtxexport(string path)
    {
        var (exit, stdout, stderr) = ExternalTool.Run("evtxexport", "-f", "xml", path);
        if (exit != 0)
        {
            // evtxexport gives up on the whole file at a record it cannot read (the hostile-input samples).
            return null;
        }
        var records = new List<TheirRecord>();
        int at = stdout.IndexOf("<Event ", StringComparison.Ordinal);
        while (at >= 0)
        {
            int end = stdout.IndexOf("</Event>", at, StringComparison.Ordinal);
            Assert.True(end > at, $"evtxexport output for {path} ends inside an event");
            end += "</Event>".Length;
            records.Add(Parse(stdout[at..end]));
            at = stdout.IndexOf("<Event ", end, StringComparison.Ordinal);
        }
        return records;
    }

    /// <summary>python-evtx through its module (CrossCheck/python_evtx_records.py): every record it finds, rendered or not.</summary>
    public static List<TheirRecord> PythonEvtx(string path)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "CrossCheck", "python_evtx_records.py");
        var (exit, stdout, stderr) = ExternalTool.Run("/usr/bin/python3", script, path);
        Assert.True(exit == 0, $"python-evtx failed on {path}: {stderr}");
        var records = new List<TheirRecord>();
        foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            ulong id = root.GetProperty("id").GetUInt64();
            TheirRecord record = root.TryGetProperty("xml", out var xml)
                ? Parse(xml.GetString()!, id)
                : new TheirRecord(id, null, root.GetProperty("error").GetString());
            records.Add(record.Fields is null ? record : record with { Fields = record.Fields with { Data = PythonShape(record.Fields.Data) } });
        }
        return records;
    }

    /// <summary>
    /// python-evtx's shapes that are not Windows': it writes a string array as one element holding a
    /// "&lt;string&gt;item&lt;/string&gt;" line per item (Windows, evtxexport and rdscal: one element per item), it
    /// keeps the element of an optional substitution that has no value (an empty Binary; the others leave it out),
    /// and it prints the Binary element in base64.
    /// </summary>
    private static List<(string? Name, string Value)> PythonShape(IReadOnlyList<(string? Name, string Value)> data)
    {
        var items = new List<(string?, string)>();
        foreach (var (name, raw) in data)
        {
            if (name == "Binary" && raw.Length == 0)
            {
                continue;
            }
            // python-evtx prints binary data as base64; rdscal and evtxexport as hexadecimal.
            string value = name == "Binary" && Convert.TryFromBase64String(raw, new byte[raw.Length], out _)
                ? Convert.ToHexString(Convert.FromBase64String(raw))
                : raw;
            var strings = StringArray().Matches(value);
            if (strings.Count > 0 && strings.Sum(m => m.Length) == value.Length)
            {
                items.AddRange(strings.Select(m => (name, RecordFields.Normalise(m.Groups[1].Value))));
                continue;
            }
            items.Add((name, value));
        }
        return items;
    }

    [System.Text.RegularExpressions.GeneratedRegex("<string>(.*?)</string>\n", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex StringArray();

    private static TheirRecord Parse(string xml, ulong? headerId = null)
    {
        try
        {
            // python-evtx declares XML 1.1 and both may print characters XML 1.0 forbids; read leniently.
            using var reader = XmlReader.Create(new StringReader(RecordFields.ControlCharacter().Replace(xml, m => $"&#x{(int)m.Value[0]:X};")), new XmlReaderSettings { CheckCharacters = false });
            var e = XElement.Load(reader);
            var fields = RecordFields.From(e);
            // EventRecordID, as rdscal and evtxexport number records; the record header's number only where the
            // XML has none (a damaged record whose values python-evtx printed empty).
            return new TheirRecord(fields.RecordId != 0 ? fields.RecordId : headerId ?? 0, fields, null);
        }
        catch (Exception ex) when (ex is XmlException or FormatException or OverflowException)
        {
            return new TheirRecord(headerId ?? 0, null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}

using System.Buffers.Binary;

namespace RdsCal.EventLog.BinXml;

/// <summary>
/// Decodes the BinXml of the records of one 64 KiB chunk. Names and template definitions are referenced by their
/// offset in the chunk, so both are cached per chunk (a new chunk gets a new decoder). Every read is checked
/// against the bounds of the structure it belongs to; depth and output size are capped by
/// <see cref="EvtxReaderOptions"/>.
/// </summary>
internal sealed partial class ChunkDecoder
{
    private readonly byte[] _chunk;
    private readonly long _fileOffset;
    private readonly EvtxReaderOptions _options;
    private readonly Dictionary<int, string> _names = [];
    private readonly Dictionary<int, Template> _templates = [];
    private readonly HashSet<int> _templatesInProgress = [];
    private int _nodeBudget;

    public ChunkDecoder(byte[] chunk, long fileOffset, EvtxReaderOptions options)
    {
        _chunk = chunk;
        _fileOffset = fileOffset;
        _options = options;
    }

    /// <summary>Decodes one record's BinXml (chunk offsets <paramref name="start"/> to <paramref name="end"/>) into XML nodes.</summary>
    public IReadOnlyList<EvtxNode> DecodeRecord(int start, int end)
    {
        _nodeBudget = _options.MaxNodesPerRecord;
        int pos = start;
        TemplateNode[] fragment = ParseFragment(ref pos, end, 0);
        var output = new List<EvtxNode>(1);
        Resolve(output, fragment, [], 0);
        return output;
    }

    /// <summary>A fragment: header tokens, then content up to the end-of-fragment token or the end of its bytes.</summary>
    private TemplateNode[] ParseFragment(ref int pos, int end, int depth)
    {
        var nodes = new List<TemplateNode>(1);
        ParseContent(ref pos, end, depth, nodes, insideElement: false);
        return [.. nodes];
    }

    private void ParseContent(ref int pos, int end, int depth, List<TemplateNode> nodes, bool insideElement)
    {
        CheckDepth(depth, pos);
        while (pos < end)
        {
            byte token = _chunk[pos];
            switch (token & ~BinXmlToken.MoreFlag)
            {
                case BinXmlToken.EndOfFragment:
                    pos++;
                    if (insideElement)
                    {
                        throw Error("the fragment ends inside an element", pos - 1);
                    }
                    return;
                case BinXmlToken.EndElement:
                    if (!insideElement)
                    {
                        throw Error("an end-element token outside any element", pos);
                    }
                    pos++;
                    return;
                case BinXmlToken.FragmentHeader:
                    Need(pos, 4, end);
                    pos += 4;
                    break;
                case BinXmlToken.OpenStartElement:
                    nodes.Add(ParseElement(ref pos, end, depth + 1));
                    break;
                case BinXmlToken.TemplateInstance:
                    nodes.Add(ParseInstance(ref pos, end, depth + 1));
                    break;
                case BinXmlToken.PITarget:
                    Need(pos, 5, end);
                    int target = ReadInt32(pos + 1);
                    pos += 5;
                    ReadName(target, ref pos, end);
                    break;
                case BinXmlToken.PIData:
                    pos++;
                    ReadCountedString(ref pos, end);
                    break;
                default:
                    nodes.Add(ParseValuePart(ref pos, end));
                    break;
            }
        }
        if (insideElement)
        {
            throw Error("an element runs past the end of its data", end);
        }
    }

    private ElementTemplate ParseElement(ref int pos, int end, int depth)
    {
        CheckDepth(depth, pos);
        int at = pos;
        bool hasAttributes = (_chunk[pos] & BinXmlToken.MoreFlag) != 0;
        // Token, dependency identifier (2), data size (4), name offset (4).
        Need(pos, 11, end);
        int nameOffset = ReadInt32(pos + 7);
        pos += 11;
        string name = ReadName(nameOffset, ref pos, end);
        var attributes = new List<TemplateAttribute>();
        if (hasAttributes)
        {
            Need(pos, 4, end);
            pos += 4;
            while (pos < end && (_chunk[pos] & ~BinXmlToken.MoreFlag) == BinXmlToken.Attribute)
            {
                Need(pos, 5, end);
                int attributeName = ReadInt32(pos + 1);
                pos += 5;
                string aname = ReadName(attributeName, ref pos, end);
                var parts = new List<TemplateNode>(1);
                while (pos < end && IsValuePart(_chunk[pos]))
                {
                    parts.Add(ParseValuePart(ref pos, end));
                }
                attributes.Add(new TemplateAttribute(aname, [.. parts]));
            }
        }
        Need(pos, 1, end);
        var children = new List<TemplateNode>();
        switch (_chunk[pos])
        {
            case BinXmlToken.CloseEmptyElement:
                pos++;
                break;
            case BinXmlToken.CloseStartElement:
                pos++;
                ParseContent(ref pos, end, depth, children, insideElement: true);
                break;
            default:
                throw Error($"element '{name}' (at chunk offset 0x{at:X}) is followed by token 0x{_chunk[pos]:X2}, not a close-element token", pos);
        }
        return new ElementTemplate(name, [.. attributes], [.. children]);
    }

    private static bool IsValuePart(byte token) => (token & ~BinXmlToken.MoreFlag) is BinXmlToken.Value or BinXmlToken.CDataSection
        or BinXmlToken.CharRef or BinXmlToken.EntityRef or BinXmlToken.NormalSubstitution or BinXmlToken.OptionalSubstitution;

    private TemplateNode ParseValuePart(ref int pos, int end)
    {
        byte token = _chunk[pos];
        switch (token & ~BinXmlToken.MoreFlag)
        {
            case BinXmlToken.Value:
                {
                    Need(pos, 2, end);
                    var type = (EvtxValueType)_chunk[pos + 1];
                    pos += 2;
                    if (type != EvtxValueType.String)
                    {
                        throw Error($"a value token of type 0x{(byte)type:X2}; only strings are written as values", pos - 1);
                    }
                    return new LiteralTemplate(new EvtxValue(ReadCountedString(ref pos, end)));
                }
            case BinXmlToken.CDataSection:
                pos++;
                return new LiteralTemplate(new EvtxValue(ReadCountedString(ref pos, end)), isCData: true);
            case BinXmlToken.CharRef:
                Need(pos, 3, end);
                char c = (char)BinaryPrimitives.ReadUInt16LittleEndian(_chunk.AsSpan(pos + 1));
                pos += 3;
                return new LiteralTemplate(new EvtxValue(c.ToString()));
            case BinXmlToken.EntityRef:
                {
                    Need(pos, 5, end);
                    int nameOffset = ReadInt32(pos + 1);
                    pos += 5;
                    string entity = ReadName(nameOffset, ref pos, end);
                    return new LiteralTemplate(new EvtxValue(entity switch
                    {
                        "lt" => "<",
                        "gt" => ">",
                        "amp" => "&",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => $"&{entity};",
                    }));
                }
            case BinXmlToken.NormalSubstitution:
            case BinXmlToken.OptionalSubstitution:
                Need(pos, 4, end);
                var sub = new SubstitutionTemplate(
                    BinaryPrimitives.ReadUInt16LittleEndian(_chunk.AsSpan(pos + 1)),
                    (EvtxValueType)_chunk[pos + 3],
                    (token & ~BinXmlToken.MoreFlag) == BinXmlToken.OptionalSubstitution);
                pos += 4;
                return sub;
            default:
                throw Error($"unknown BinXml token 0x{token:X2}", pos);
        }
    }

    /// <summary>
    /// A template instance: token, one unknown byte, template identifier (4), definition offset (4); the definition
    /// follows inline the first time a chunk uses it; then the value count, descriptors (size 2, type 1, 1 unused)
    /// and the values.
    /// </summary>
    private InstanceTemplate ParseInstance(ref int pos, int end, int depth)
    {
        CheckDepth(depth, pos);
        Need(pos, 10, end);
        int definition = ReadInt32(pos + 6);
        pos += 10;
        Template template = GetTemplate(definition, depth);
        if (definition == pos)
        {
            pos = definition + 24 + ReadInt32(definition + 20);
        }
        Need(pos, 4, end);
        int count = ReadInt32(pos);
        pos += 4;
        if (count < 0 || (long)count * 4 > end - pos)
        {
            throw Error($"{count} template values do not fit in the record", pos - 4);
        }
        int descriptors = pos;
        pos += count * 4;
        var values = new EvtxValue[count];
        for (int i = 0; i < count; i++)
        {
            int size = BinaryPrimitives.ReadUInt16LittleEndian(_chunk.AsSpan(descriptors + (i * 4)));
            var type = (EvtxValueType)_chunk[descriptors + (i * 4) + 2];
            if (size > end - pos)
            {
                throw Error($"template value {i} ({size} bytes) runs past the end of the record", pos);
            }
            values[i] = DecodeValue(type, pos, size, depth);
            pos += size;
        }
        return new InstanceTemplate(template, values);
    }

    private EvtxValue DecodeValue(EvtxValueType type, int pos, int size, int depth)
    {
        if (type == EvtxValueType.BinXml)
        {
            int inner = pos;
            TemplateNode[] fragment = ParseFragment(ref inner, pos + size, depth + 1);
            var nodes = new List<EvtxNode>(1);
            Resolve(nodes, fragment, [], depth + 1);
            return new EvtxValue(EvtxValueType.BinXml, nodes);
        }
        return ValueDecoder.Decode(type, _chunk.AsSpan(pos, size), _fileOffset + pos)
            ?? throw Error($"a {size}-byte value does not fit type 0x{(byte)type:X2}", pos);
    }

    /// <summary>A template definition at a chunk offset: next-definition offset (4), GUID (16), data size (4), body.</summary>
    private Template GetTemplate(int offset, int depth)
    {
        if (_templates.TryGetValue(offset, out Template? cached))
        {
            return cached;
        }
        if (offset < 512 || offset > _chunk.Length - 24)
        {
            throw Error($"a template definition offset 0x{offset:X} outside the chunk's data", offset);
        }
        int size = ReadInt32(offset + 20);
        int start = offset + 24;
        if (size < 0 || size > _chunk.Length - start)
        {
            throw Error($"a template definition of {size} bytes runs past the end of the chunk", offset + 20);
        }
        if (!_templatesInProgress.Add(offset))
        {
            throw Error("a template that contains itself", offset);
        }
        try
        {
            int pos = start;
            var template = new Template(offset, new Guid(_chunk.AsSpan(offset + 4, 16)), ParseFragment(ref pos, start + size, depth + 1));
            _templates[offset] = template;
            return template;
        }
        finally
        {
            _templatesInProgress.Remove(offset);
        }
    }

    /// <summary>
    /// A name at a chunk offset: next-name offset (4), hash (2), character count (2), UTF-16 characters, a
    /// terminating NUL. When the offset is where the reader stands, the name is inline and the reader moves past it.
    /// </summary>
    private string ReadName(int offset, ref int pos, int end)
    {
        bool inline = offset == pos;
        if (!_names.TryGetValue(offset, out string? name))
        {
            if (offset < 0 || offset > _chunk.Length - 8)
            {
                throw Error($"a name offset 0x{offset:X} outside the chunk", pos);
            }
            int chars = BinaryPrimitives.ReadUInt16LittleEndian(_chunk.AsSpan(offset + 6));
            if (offset + 8 + ((chars + 1) * 2) > _chunk.Length)
            {
                throw Error($"a name of {chars} characters runs past the end of the chunk", offset);
            }
            name = ValueDecoder.Utf16(_chunk.AsSpan(offset + 8, chars * 2));
            _names[offset] = name;
        }
        if (inline)
        {
            // The stored count decides where the structure ends, even when the name held NULs that were trimmed.
            pos = offset + 8 + ((BinaryPrimitives.ReadUInt16LittleEndian(_chunk.AsSpan(offset + 6)) + 1) * 2);
            if (pos > end)
            {
                throw Error("an inline name runs past the end of its structure", offset);
            }
        }
        return name;
    }

    private string ReadCountedString(ref int pos, int end)
    {
        Need(pos, 2, end);
        int chars = BinaryPrimitives.ReadUInt16LittleEndian(_chunk.AsSpan(pos));
        pos += 2;
        Need(pos, chars * 2, end);
        string s = ValueDecoder.Utf16(_chunk.AsSpan(pos, chars * 2));
        pos += chars * 2;
        return s;
    }

    private int ReadInt32(int pos) => BinaryPrimitives.ReadInt32LittleEndian(_chunk.AsSpan(pos));

    private void Need(int pos, int count, int end)
    {
        if (count > end - pos)
        {
            throw Error($"a BinXml structure of {count} bytes runs past the end of its data at chunk offset 0x{end:X}", pos);
        }
    }

    private void CheckDepth(int depth, int pos)
    {
        if (depth > _options.MaxDepth)
        {
            throw Error($"BinXml nested deeper than {_options.MaxDepth} levels", pos);
        }
    }

    private EvtxFormatException Error(string reason, int chunkOffset) => new(reason, _fileOffset + chunkOffset);
}

namespace RdsCal.EventLog.BinXml;

/// <summary>
/// BinXml as parsed, before substitution: a template body is parsed once per chunk into these nodes and filled in
/// for every record that uses it.
/// </summary>
internal abstract class TemplateNode;

internal sealed class ElementTemplate(string name, TemplateAttribute[] attributes, TemplateNode[] children) : TemplateNode
{
    public string Name { get; } = name;

    public TemplateAttribute[] Attributes { get; } = attributes;

    public TemplateNode[] Children { get; } = children;
}

internal sealed class TemplateAttribute(string name, TemplateNode[] parts)
{
    public string Name { get; } = name;

    public TemplateNode[] Parts { get; } = parts;
}

/// <summary>Literal content: a value token, a CDATA section, a character or entity reference.</summary>
internal sealed class LiteralTemplate(EvtxValue value, bool isCData = false) : TemplateNode
{
    public EvtxValue Value { get; } = value;

    public bool IsCData { get; } = isCData;
}

internal sealed class SubstitutionTemplate(ushort index, EvtxValueType type, bool optional) : TemplateNode
{
    public ushort Index { get; } = index;

    public EvtxValueType Type { get; } = type;

    /// <summary>An optional substitution whose value is null leaves its attribute out ([MS-EVEN6] 3.1.4.7.5).</summary>
    public bool Optional { get; } = optional;
}

/// <summary>A template instance: the template and the values it is filled with.</summary>
internal sealed class InstanceTemplate(Template template, EvtxValue[] values) : TemplateNode
{
    public Template Template { get; } = template;

    public EvtxValue[] Values { get; } = values;
}

/// <summary>A template definition: its identity and its parsed body.</summary>
internal sealed class Template(int chunkOffset, Guid id, TemplateNode[] body)
{
    public int ChunkOffset { get; } = chunkOffset;

    public Guid Id { get; } = id;

    public TemplateNode[] Body { get; } = body;
}

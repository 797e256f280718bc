namespace RdsCal.EventLog;

/// <summary>A node of a record's XML once its templates are filled in: an <see cref="EvtxElement"/> or an <see cref="EvtxText"/>.</summary>
public abstract class EvtxNode
{
    private protected EvtxNode()
    {
    }
}

/// <summary>Character content: literal text from a template, or a substituted value.</summary>
public sealed class EvtxText : EvtxNode
{
    internal EvtxText(EvtxValue value, bool isCData = false)
    {
        Value = value;
        IsCData = isCData;
    }

    /// <summary>The content.</summary>
    public EvtxValue Value { get; }

    /// <summary>Whether it came from a CDATA section.</summary>
    public bool IsCData { get; }
}

/// <summary>An attribute of an <see cref="EvtxElement"/>.</summary>
/// <param name="Name">The attribute's name.</param>
/// <param name="Value">Its value (several parts are joined into one string value).</param>
public sealed record EvtxAttribute(string Name, EvtxValue Value);

/// <summary>An element of a record's XML.</summary>
public sealed class EvtxElement : EvtxNode
{
    internal EvtxElement(string name, IReadOnlyList<EvtxAttribute> attributes, IReadOnlyList<EvtxNode> children)
    {
        Name = name;
        Attributes = attributes;
        Children = children;
    }

    /// <summary>The element's name.</summary>
    public string Name { get; }

    /// <summary>The attributes, in file order.</summary>
    public IReadOnlyList<EvtxAttribute> Attributes { get; }

    /// <summary>Child elements and text, in file order.</summary>
    public IReadOnlyList<EvtxNode> Children { get; }

    /// <summary>
    /// The content as one value: the single text child's typed value, the joined text of several, or
    /// <see cref="EvtxValue.Null"/> when the element holds no text.
    /// </summary>
    public EvtxValue Content
    {
        get
        {
            EvtxValue? single = null;
            System.Text.StringBuilder? joined = null;
            foreach (EvtxNode child in Children)
            {
                if (child is not EvtxText { Value: var v } || v.IsNull)
                {
                    continue;
                }
                if (single is null)
                {
                    single = v;
                    continue;
                }
                joined ??= new System.Text.StringBuilder(single.Text);
                joined.Append(v.Text);
            }
            return joined is not null ? new EvtxValue(joined.ToString()) : single ?? EvtxValue.Null;
        }
    }

    /// <summary>The first child element with this name, or null.</summary>
    public EvtxElement? Element(string name)
    {
        foreach (EvtxNode child in Children)
        {
            if (child is EvtxElement e && e.Name == name)
            {
                return e;
            }
        }
        return null;
    }

    /// <summary>The child elements, in order.</summary>
    public IEnumerable<EvtxElement> Elements() => Children.OfType<EvtxElement>();

    /// <summary>The value of the attribute with this name, or null when the element has none.</summary>
    public EvtxValue? Attribute(string name)
    {
        foreach (EvtxAttribute a in Attributes)
        {
            if (a.Name == name)
            {
                return a.Value;
            }
        }
        return null;
    }

    /// <summary>The element and everything inside it as XML text.</summary>
    public override string ToString() => EventXmlWriter.Write([this]);
}

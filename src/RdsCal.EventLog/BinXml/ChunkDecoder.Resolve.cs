namespace RdsCal.EventLog.BinXml;

/// <summary>Filling templates in: substitutions take their values, nested BinXml values are spliced in as XML.</summary>
internal sealed partial class ChunkDecoder
{
    private void Resolve(List<EvtxNode> output, TemplateNode[] nodes, EvtxValue[] values, int depth)
    {
        CheckDepth(depth, 0);
        foreach (TemplateNode node in nodes)
        {
            switch (node)
            {
                case ElementTemplate e when e.Children is [SubstitutionTemplate only] && Value(only, values) is var v && (v.IsArray || (v.IsNull && only.Optional)):
                    // An element whose whole content is an array is written once per item (none for an empty
                    // array), as Windows renders the string arrays of classic events; one whose content is an
                    // optional substitution without a value is left out, as the empty Binary of classic events is.
                    if (v.Value is IReadOnlyList<EvtxValue> items)
                    {
                        foreach (EvtxValue item in items)
                        {
                            Spend(2 + e.Attributes.Length);
                            output.Add(new EvtxElement(e.Name, ResolveAttributes(e, values), [new EvtxText(item)]));
                        }
                    }
                    break;
                case ElementTemplate e:
                    Spend(1 + e.Attributes.Length);
                    var children = new List<EvtxNode>(e.Children.Length);
                    Resolve(children, e.Children, values, depth + 1);
                    output.Add(new EvtxElement(e.Name, ResolveAttributes(e, values), children));
                    break;
                case LiteralTemplate literal:
                    Spend(1);
                    output.Add(new EvtxText(literal.Value, literal.IsCData));
                    break;
                case SubstitutionTemplate sub:
                    EvtxValue value = Value(sub, values);
                    if (value.Value is IReadOnlyList<EvtxNode> xml && value.Type == EvtxValueType.BinXml)
                    {
                        Spend(xml.Count);
                        output.AddRange(xml);
                    }
                    else if (!(value.IsNull && sub.Optional))
                    {
                        Spend(1);
                        output.Add(new EvtxText(value));
                    }
                    break;
                case InstanceTemplate instance:
                    Resolve(output, instance.Template.Body, instance.Values, depth + 1);
                    break;
            }
        }
    }

    private static EvtxValue Value(SubstitutionTemplate sub, EvtxValue[] values) =>
        sub.Index < values.Length ? values[sub.Index] : EvtxValue.Null;

    private static List<EvtxAttribute> ResolveAttributes(ElementTemplate e, EvtxValue[] values)
    {
        var attributes = new List<EvtxAttribute>(e.Attributes.Length);
        foreach (TemplateAttribute a in e.Attributes)
        {
            if (ResolveAttribute(a, values) is { } value)
            {
                attributes.Add(new EvtxAttribute(a.Name, value));
            }
        }
        return attributes;
    }

    /// <summary>The attribute's value, or null when it is left out: every part an optional substitution without a value.</summary>
    private static EvtxValue? ResolveAttribute(TemplateAttribute a, EvtxValue[] values)
    {
        if (a.Parts.Length == 1)
        {
            return Part(a.Parts[0], values, out bool leftOut) is var single && leftOut ? null : single;
        }
        var text = new System.Text.StringBuilder();
        bool any = a.Parts.Length == 0;
        foreach (TemplateNode part in a.Parts)
        {
            EvtxValue v = Part(part, values, out bool leftOut);
            any |= !leftOut;
            text.Append(v.Text);
        }
        return any ? new EvtxValue(text.ToString()) : null;
    }

    private static EvtxValue Part(TemplateNode part, EvtxValue[] values, out bool leftOut)
    {
        leftOut = false;
        switch (part)
        {
            case LiteralTemplate literal:
                return literal.Value;
            case SubstitutionTemplate sub:
                EvtxValue v = Value(sub, values);
                leftOut = v.IsNull && sub.Optional;
                return v;
            default:
                return EvtxValue.Null;
        }
    }

    private void Spend(int nodes)
    {
        _nodeBudget -= nodes;
        if (_nodeBudget < 0)
        {
            throw Error($"a record expands to more than {_options.MaxNodesPerRecord:N0} XML nodes", 0);
        }
    }
}

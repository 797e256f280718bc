using System.Buffers.Binary;

namespace RdsCal.Registry;

/// <summary>One CM_PARTIAL_RESOURCE_DESCRIPTOR (or IO_RESOURCE_DESCRIPTOR) of a resource value.</summary>
/// <param name="Type">CM_RESOURCE_TYPE (1 port, 2 interrupt, 3 memory, 4 DMA, 5 device-specific, 6 bus number, 7 large memory).</param>
/// <param name="ShareDisposition">How the resource may be shared.</param>
/// <param name="Flags">Type-specific flags.</param>
/// <param name="Data">The type-specific union bytes.</param>
public sealed record PartialResource(byte Type, byte ShareDisposition, ushort Flags, byte[] Data)
{
    /// <summary>The resource type's name.</summary>
    public string TypeName => Type switch
    {
        0 => "Null",
        1 => "Port",
        2 => "Interrupt",
        3 => "Memory",
        4 => "Dma",
        5 => "DeviceSpecific",
        6 => "BusNumber",
        7 => "MemoryLarge",
        0x80 => "ConfigData",
        0x81 => "DevicePrivate",
        0x82 => "PcCardConfig",
        0x83 => "MfCardConfig",
        _ => $"Type{Type}",
    };
}

/// <summary>One CM_FULL_RESOURCE_DESCRIPTOR (or one alternative IO_RESOURCE_LIST of a requirements list).</summary>
/// <param name="InterfaceType">INTERFACE_TYPE (0 internal, 1 ISA, 5 PCI, …).</param>
/// <param name="BusNumber">Bus number.</param>
/// <param name="Resources">The resources.</param>
public sealed record ResourceDescriptor(int InterfaceType, uint BusNumber, IReadOnlyList<PartialResource> Resources);

/// <summary>
/// Decodes the resource kinds (REG_RESOURCE_LIST, REG_FULL_RESOURCE_DESCRIPTOR,
/// REG_RESOURCE_REQUIREMENTS_LIST). Malformed data decodes to null, never an exception: the raw bytes stay
/// the truth.
/// </summary>
public static class ResourceDescriptors
{
    private const int PartialSize = 16;
    private const int IoDescriptorSize = 32;

    /// <summary>The descriptors of a resource value, or null when the kind is not a resource kind or the data is malformed.</summary>
    public static IReadOnlyList<ResourceDescriptor>? Decode(RegistryValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var data = value.Span;
        try
        {
            return value.Kind switch
            {
                RegistryValueKind.ResourceList => List(data),
                RegistryValueKind.FullResourceDescriptor => Full(ref data) is { } one && data.IsEmpty ? [one] : null,
                RegistryValueKind.ResourceRequirementsList => Requirements(data),
                _ => null,
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>A one-line summary, e.g. "1 descriptor: interface 5 bus 0: Port, Interrupt".</summary>
    public static string? Summary(RegistryValue value)
    {
        var list = Decode(value);
        return list is null ? null
            : $"{list.Count} descriptor(s): " + string.Join("; ", list.Select(d => $"interface {d.InterfaceType} bus {d.BusNumber}: {(d.Resources.Count == 0 ? "no resources" : string.Join(", ", d.Resources.Select(r => r.TypeName)))}"));
    }

    private static List<ResourceDescriptor>? List(ReadOnlySpan<byte> data)
    {
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(data);
        data = data[4..];
        if (count > data.Length / 16)
        {
            return null;
        }
        var result = new List<ResourceDescriptor>();
        for (int i = 0; i < count; i++)
        {
            if (Full(ref data) is not { } d)
            {
                return null;
            }
            result.Add(d);
        }
        return result;
    }

    private static ResourceDescriptor? Full(ref ReadOnlySpan<byte> data)
    {
        int iface = BinaryPrimitives.ReadInt32LittleEndian(data);
        uint bus = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(data[12..]);
        data = data[16..];
        if (count > data.Length / PartialSize)
        {
            return null;
        }
        var resources = new List<PartialResource>();
        for (int i = 0; i < count; i++)
        {
            var p = data[..PartialSize];
            resources.Add(new PartialResource(p[0], p[1], BinaryPrimitives.ReadUInt16LittleEndian(p[2..]), p[4..].ToArray()));
            data = data[PartialSize..];
            if (p[0] == 5)
            {
                // Device-specific data follows the descriptor; its size is the union's first field.
                int extra = (int)BinaryPrimitives.ReadUInt32LittleEndian(p[4..]);
                if (extra < 0 || extra > data.Length)
                {
                    return null;
                }
                data = data[extra..];
            }
        }
        return new ResourceDescriptor(iface, bus, resources);
    }

    private static List<ResourceDescriptor>? Requirements(ReadOnlySpan<byte> data)
    {
        uint listSize = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (listSize > data.Length)
        {
            return null;
        }
        int iface = BinaryPrimitives.ReadInt32LittleEndian(data[4..]);
        uint bus = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
        uint alternatives = BinaryPrimitives.ReadUInt32LittleEndian(data[28..]);
        data = data[32..];
        if (alternatives > data.Length / 8)
        {
            return null;
        }
        var result = new List<ResourceDescriptor>();
        for (int a = 0; a < alternatives; a++)
        {
            uint count = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            data = data[8..];
            if (count > data.Length / IoDescriptorSize)
            {
                return null;
            }
            var resources = new List<PartialResource>();
            for (int i = 0; i < count; i++)
            {
                var d = data[..IoDescriptorSize];
                resources.Add(new PartialResource(d[1], d[2], BinaryPrimitives.ReadUInt16LittleEndian(d[4..]), d[8..].ToArray()));
                data = data[IoDescriptorSize..];
            }
            result.Add(new ResourceDescriptor(iface, bus, resources));
        }
        return result;
    }
}

namespace RdsCal.Registry;

/// <summary>
/// The data type of a registry value as stored on disk. Any 32-bit number is a legal type in a hive,
/// so values outside the named members occur and must round-trip unchanged.
/// </summary>
public enum RegistryValueKind : uint
{
    /// <summary>REG_NONE (0).</summary>
    None = 0,
    /// <summary>REG_SZ (1): a UTF-16LE string, normally NUL-terminated.</summary>
    String = 1,
    /// <summary>REG_EXPAND_SZ (2): a UTF-16LE string with environment references.</summary>
    ExpandString = 2,
    /// <summary>REG_BINARY (3).</summary>
    Binary = 3,
    /// <summary>REG_DWORD (4): a little-endian 32-bit number.</summary>
    DWord = 4,
    /// <summary>REG_DWORD_BIG_ENDIAN (5).</summary>
    DWordBigEndian = 5,
    /// <summary>REG_LINK (6): a UTF-16LE symbolic link target.</summary>
    Link = 6,
    /// <summary>REG_MULTI_SZ (7): NUL-separated UTF-16LE strings ending with an empty one.</summary>
    MultiString = 7,
    /// <summary>REG_RESOURCE_LIST (8).</summary>
    ResourceList = 8,
    /// <summary>REG_FULL_RESOURCE_DESCRIPTOR (9).</summary>
    FullResourceDescriptor = 9,
    /// <summary>REG_RESOURCE_REQUIREMENTS_LIST (10).</summary>
    ResourceRequirementsList = 10,
    /// <summary>REG_QWORD (11): a little-endian 64-bit number.</summary>
    QWord = 11,
}

/// <summary>Names for <see cref="RegistryValueKind"/> as Windows spells them.</summary>
public static class RegistryValueKindNames
{
    /// <summary>The Windows name (<c>REG_SZ</c>, …) or <c>0x…</c> for a kind Windows does not name.</summary>
    public static string ToWindowsName(this RegistryValueKind kind) => kind switch
    {
        RegistryValueKind.None => "REG_NONE",
        RegistryValueKind.String => "REG_SZ",
        RegistryValueKind.ExpandString => "REG_EXPAND_SZ",
        RegistryValueKind.Binary => "REG_BINARY",
        RegistryValueKind.DWord => "REG_DWORD",
        RegistryValueKind.DWordBigEndian => "REG_DWORD_BIG_ENDIAN",
        RegistryValueKind.Link => "REG_LINK",
        RegistryValueKind.MultiString => "REG_MULTI_SZ",
        RegistryValueKind.ResourceList => "REG_RESOURCE_LIST",
        RegistryValueKind.FullResourceDescriptor => "REG_FULL_RESOURCE_DESCRIPTOR",
        RegistryValueKind.ResourceRequirementsList => "REG_RESOURCE_REQUIREMENTS_LIST",
        RegistryValueKind.QWord => "REG_QWORD",
        _ => $"0x{(uint)kind:x8}",
    };

    /// <summary>True for the kinds whose data is UTF-16LE text.</summary>
    public static bool IsText(this RegistryValueKind kind) =>
        kind is RegistryValueKind.String or RegistryValueKind.ExpandString or RegistryValueKind.Link;
}

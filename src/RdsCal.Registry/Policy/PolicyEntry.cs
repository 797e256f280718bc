namespace RdsCal.Registry.Policy;

/// <summary>What a Registry.pol instruction does.</summary>
public enum PolicyAction
{
    /// <summary>Set the value.</summary>
    SetValue,
    /// <summary>Only create the key (empty value name).</summary>
    CreateKey,
    /// <summary><c>**del.NAME</c>: delete one value.</summary>
    DeleteValue,
    /// <summary><c>**delvals.</c>: delete every value of the key.</summary>
    DeleteAllValues,
    /// <summary><c>**DeleteValues</c>: delete the values named in the data (;-separated).</summary>
    DeleteValues,
    /// <summary><c>**DeleteKeys</c>: delete the subkeys named in the data (;-separated).</summary>
    DeleteKeys,
    /// <summary><c>**SecureKey</c>: secure (1) or reset (0) the key's ACL; not a value.</summary>
    SecureKey,
    /// <summary><c>**soft.NAME</c>: set the value only if absent.</summary>
    SoftSetValue,
}

/// <summary>One <c>[key;value;type;size;data]</c> instruction of a Registry.pol file.</summary>
/// <param name="KeyPath">Key path relative to HKLM (Machine files) or HKCU (User files).</param>
/// <param name="ValueName">The value name as written, special prefixes included.</param>
/// <param name="Kind">The data type.</param>
/// <param name="Data">The data bytes.</param>
/// <param name="Offset">Byte offset of the instruction.</param>
public sealed record PolicyEntry(string KeyPath, string ValueName, RegistryValueKind Kind, byte[] Data, long Offset)
{
    /// <summary>What the instruction does.</summary>
    public PolicyAction Action => ValueName switch
    {
        "" => PolicyAction.CreateKey,
        _ when ValueName.StartsWith("**del.", StringComparison.OrdinalIgnoreCase) => PolicyAction.DeleteValue,
        _ when ValueName.StartsWith("**delvals", StringComparison.OrdinalIgnoreCase) => PolicyAction.DeleteAllValues,
        _ when ValueName.Equals("**DeleteValues", StringComparison.OrdinalIgnoreCase) => PolicyAction.DeleteValues,
        _ when ValueName.Equals("**DeleteKeys", StringComparison.OrdinalIgnoreCase) => PolicyAction.DeleteKeys,
        _ when ValueName.Equals("**SecureKey", StringComparison.OrdinalIgnoreCase) => PolicyAction.SecureKey,
        _ when ValueName.StartsWith("**soft.", StringComparison.OrdinalIgnoreCase) => PolicyAction.SoftSetValue,
        _ => PolicyAction.SetValue,
    };

    /// <summary>The value the instruction names (without its special prefix).</summary>
    public string TargetName => Action switch
    {
        PolicyAction.DeleteValue => ValueName[6..],
        PolicyAction.SoftSetValue => ValueName[7..],
        _ => ValueName,
    };

    /// <summary>The value an instruction sets.</summary>
    public RegistryValue ToValue() => new(TargetName, Kind, Data);
}

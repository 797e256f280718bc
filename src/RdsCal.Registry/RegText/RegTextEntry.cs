namespace RdsCal.Registry.RegText;

/// <summary>What one .reg statement does.</summary>
public enum RegTextEntryKind
{
    /// <summary><c>[PATH]</c>: create or open a key; following values belong to it.</summary>
    Key,
    /// <summary><c>[-PATH]</c>: delete a key and its whole tree.</summary>
    DeleteKey,
    /// <summary><c>"name"=data</c>: set a value.</summary>
    SetValue,
    /// <summary><c>"name"=-</c>: delete a value.</summary>
    DeleteValue,
}

/// <summary>One statement of a .reg file.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="KeyPath">The full key path as written (for values, the key they are under).</param>
/// <param name="Value">The value, for <see cref="RegTextEntryKind.SetValue"/>.</param>
/// <param name="ValueName">The value name, for value statements (empty for <c>@</c>).</param>
/// <param name="Line">The 1-based line it starts on.</param>
public sealed record RegTextEntry(RegTextEntryKind Kind, string KeyPath, RegistryValue? Value, string? ValueName, int Line);

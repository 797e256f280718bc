namespace RdsCal.Registry;

/// <summary>A key view that shows <paramref name="replacement"/> in place of one direct subkey of <paramref name="inner"/>.</summary>
/// <param name="inner">The key to show.</param>
/// <param name="childName">The subkey to replace (or add).</param>
/// <param name="replacement">What to show under that name.</param>
public sealed class RegistryOverlay(RegistryKey inner, string childName, RegistryKey replacement) : RegistryKey
{
    /// <inheritdoc />
    public override string Name => inner.Name;

    /// <inheritdoc />
    public override DateTimeOffset? LastWriteTime => inner.LastWriteTime;

    /// <inheritdoc />
    public override int SubkeyCount => EnumerateSubkeys().Count();

    /// <inheritdoc />
    public override int ValueCount => inner.ValueCount;

    /// <inheritdoc />
    public override IEnumerable<RegistryKey> EnumerateSubkeys() =>
        inner.EnumerateSubkeys().Where(k => !RegistryName.NamesEqual(k.Name, childName)).Append(replacement)
            .OrderBy(k => k.Name, RegistryName.Comparer);

    /// <inheritdoc />
    public override IEnumerable<RegistryValue> EnumerateValues() => inner.EnumerateValues();

    /// <inheritdoc />
    public override RegistryValue? GetValue(string name) => inner.GetValue(name);

    /// <inheritdoc />
    public override RegistryKey? OpenSubkey(string name) => RegistryName.NamesEqual(name, childName) ? replacement : inner.OpenSubkey(name);
}

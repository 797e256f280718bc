using RdsCal.Registry.Memory;

namespace RdsCal.Registry.Changes;

/// <summary>
/// One step of a <see cref="ChangeSet"/>, with the state it expects to find (its precondition) so that a change
/// made on stale information, or undone after someone else changed the same values, is refused instead of
/// silently overwriting. Paths are relative to the store root (for a machine: <c>SYSTEM\…</c>, <c>SOFTWARE\…</c>).
/// </summary>
public abstract record ChangeOperation(string KeyPath)
{
    /// <summary>Why the precondition does not hold in <paramref name="root"/>, or null when it holds.</summary>
    public abstract string? CheckPrecondition(RegistryKey root);

    /// <summary>The operation that undoes this one.</summary>
    public abstract ChangeOperation Inverse();

    /// <summary>A one-line, diff-like rendering.</summary>
    public abstract string Describe();

    /// <summary>Applies the operation to a store.</summary>
    internal abstract void ApplyTo(IRegistryStore store);

    private protected static string ShowValue(RegistryValue? v) => v is null ? "(absent)" : $"{v.Kind.ToWindowsName()} {Shorten(v.ToDisplayString())}";

    private static string Shorten(string s) => s.Length <= 70 ? s : s[..70] + "…";
}

/// <summary>Create a key (and missing parents). Expects it absent.</summary>
public sealed record CreateKeyOperation(string KeyPath) : ChangeOperation(KeyPath)
{
    /// <inheritdoc />
    public override string? CheckPrecondition(RegistryKey root) =>
        root.Open(KeyPath) is null ? null : $"key {KeyPath} already exists";

    /// <inheritdoc />
    public override ChangeOperation Inverse() => new DeleteKeyOperation(KeyPath, new MemoryKey(RegistryPath.Split(KeyPath)[^1]));

    /// <inheritdoc />
    public override string Describe() => $"+ [{KeyPath}]";

    internal override void ApplyTo(IRegistryStore store) => store.CreateKey(KeyPath);
}

/// <summary>Delete a key and its whole tree. Expects exactly <see cref="OldTree"/> there (kept so it can be undone).</summary>
public sealed record DeleteKeyOperation(string KeyPath, MemoryKey OldTree) : ChangeOperation(KeyPath)
{
    /// <inheritdoc />
    public override string? CheckPrecondition(RegistryKey root)
    {
        var current = root.Open(KeyPath);
        if (current is null)
        {
            return $"key {KeyPath} no longer exists";
        }
        return TreeComparer.Difference(OldTree, current, KeyPath);
    }

    /// <inheritdoc />
    public override ChangeOperation Inverse() => new RestoreKeyOperation(KeyPath, OldTree);

    /// <inheritdoc />
    public override string Describe() => $"- [{KeyPath}] ({TreeComparer.Count(OldTree)} key(s) and their values)";

    internal override void ApplyTo(IRegistryStore store) => store.DeleteKey(KeyPath);
}

/// <summary>Recreate a deleted key tree exactly. Expects the key absent.</summary>
public sealed record RestoreKeyOperation(string KeyPath, MemoryKey Tree) : ChangeOperation(KeyPath)
{
    /// <inheritdoc />
    public override string? CheckPrecondition(RegistryKey root) =>
        root.Open(KeyPath) is null ? null : $"key {KeyPath} exists again";

    /// <inheritdoc />
    public override ChangeOperation Inverse() => new DeleteKeyOperation(KeyPath, Tree);

    /// <inheritdoc />
    public override string Describe() => $"+ [{KeyPath}] restored ({TreeComparer.Count(Tree)} key(s) and their values)";

    internal override void ApplyTo(IRegistryStore store)
    {
        var stack = new Stack<(RegistryKey Key, string Path)>();
        stack.Push((Tree, KeyPath));
        while (stack.Count > 0)
        {
            var (key, path) = stack.Pop();
            store.CreateKey(path);
            foreach (var v in key.EnumerateValues())
            {
                store.SetValue(path, v);
            }
            foreach (var sub in key.EnumerateSubkeys())
            {
                stack.Push((sub, RegistryPath.Combine(path, sub.Name)));
            }
        }
    }
}

/// <summary>Set a value. Expects <see cref="OldValue"/> (null: absent) there now.</summary>
public sealed record SetValueOperation(string KeyPath, RegistryValue NewValue, RegistryValue? OldValue) : ChangeOperation(KeyPath)
{
    /// <inheritdoc />
    public override string? CheckPrecondition(RegistryKey root) =>
        ValueDrift(root, KeyPath, NewValue.Name, OldValue);

    /// <inheritdoc />
    public override ChangeOperation Inverse() => OldValue is null
        ? new DeleteValueOperation(KeyPath, NewValue)
        : new SetValueOperation(KeyPath, OldValue, NewValue);

    /// <inheritdoc />
    public override string Describe() => OldValue is null
        ? $"+ {KeyPath}\\{Name(NewValue)} = {ShowValue(NewValue)}"
        : $"~ {KeyPath}\\{Name(NewValue)}: {ShowValue(OldValue)} -> {ShowValue(NewValue)}";

    internal override void ApplyTo(IRegistryStore store)
    {
        store.CreateKey(KeyPath);
        store.SetValue(KeyPath, NewValue);
    }

    internal static string Name(RegistryValue v) => v.IsDefault ? "@" : v.Name;

    internal static string? ValueDrift(RegistryKey root, string keyPath, string name, RegistryValue? expected)
    {
        var current = root.Open(keyPath)?.GetValue(name);
        if (expected is null)
        {
            return current is null ? null : $"{keyPath}\\{(name.Length == 0 ? "@" : name)} is {ShowValue(current)}, expected absent";
        }
        if (current is null)
        {
            return $"{keyPath}\\{(name.Length == 0 ? "@" : name)} is absent, expected {ShowValue(expected)}";
        }
        return current.Kind == expected.Kind && current.Span.SequenceEqual(expected.Span)
            ? null
            : $"{keyPath}\\{(name.Length == 0 ? "@" : name)} is {ShowValue(current)}, expected {ShowValue(expected)}";
    }
}

/// <summary>Delete a value. Expects exactly <see cref="OldValue"/> there now.</summary>
public sealed record DeleteValueOperation(string KeyPath, RegistryValue OldValue) : ChangeOperation(KeyPath)
{
    /// <inheritdoc />
    public override string? CheckPrecondition(RegistryKey root) =>
        SetValueOperation.ValueDrift(root, KeyPath, OldValue.Name, OldValue);

    /// <inheritdoc />
    public override ChangeOperation Inverse() => new SetValueOperation(KeyPath, OldValue, null);

    /// <inheritdoc />
    public override string Describe() => $"- {KeyPath}\\{SetValueOperation.Name(OldValue)} (was {ShowValue(OldValue)})";

    internal override void ApplyTo(IRegistryStore store) => store.DeleteValue(KeyPath, OldValue.Name);
}

namespace RdsCal.Registry.Changes;

/// <summary>Builds change sets that bring part of a store to a desired state.</summary>
public static class ChangeSetBuilder
{
    /// <summary>
    /// The operations that make the key at <paramref name="path"/> exactly <paramref name="desired"/>: missing
    /// keys created, values set or deleted, surplus subkeys deleted. <paramref name="current"/> is its state now
    /// (null: absent).
    /// </summary>
    public static IEnumerable<ChangeOperation> MakeEqual(RegistryKey? current, RegistryKey desired, string path)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (current is null)
        {
            yield return new CreateKeyOperation(path);
        }
        foreach (var v in desired.EnumerateValues())
        {
            var old = current?.GetValue(v.Name);
            if (old is null || old.Kind != v.Kind || !old.Span.SequenceEqual(v.Span))
            {
                yield return new SetValueOperation(path, v, old);
            }
        }
        if (current is not null)
        {
            foreach (var v in current.EnumerateValues())
            {
                if (desired.GetValue(v.Name) is null)
                {
                    yield return new DeleteValueOperation(path, v);
                }
            }
            foreach (var sub in current.EnumerateSubkeys())
            {
                if (desired.OpenSubkey(sub.Name) is null)
                {
                    yield return new DeleteKeyOperation(RegistryPath.Combine(path, sub.Name), Memory.MemoryKey.CopyOf(sub));
                }
            }
        }
        foreach (var sub in desired.EnumerateSubkeys())
        {
            foreach (var op in MakeEqual(current?.OpenSubkey(sub.Name), sub, RegistryPath.Combine(path, sub.Name)))
            {
                yield return op;
            }
        }
    }
}

using System.Text;

namespace RdsCal.Registry.Changes;

/// <summary>
/// An ordered list of registry operations, each with the precondition it expects. It renders as a readable
/// diff, applies to any <see cref="IRegistryStore"/> only when every precondition holds (all or nothing), and
/// yields its inverse.
/// </summary>
public sealed class ChangeSet
{
    /// <summary>Creates a change set.</summary>
    public ChangeSet(string description, IEnumerable<ChangeOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        Description = description;
        Operations = operations.ToList();
    }

    /// <summary>What the change does, in words.</summary>
    public string Description { get; }

    /// <summary>The operations, in order.</summary>
    public IReadOnlyList<ChangeOperation> Operations { get; }

    /// <summary>True when there is nothing to do.</summary>
    public bool IsEmpty => Operations.Count == 0;

    /// <summary>The change that undoes this one: inverse operations in reverse order.</summary>
    public ChangeSet Inverse() => new($"undo: {Description}", Operations.Reverse().Select(o => o.Inverse()));

    /// <summary>Every precondition that does not hold against <paramref name="root"/> (empty: all hold).</summary>
    /// <remarks>
    /// Each operation is checked against the state left by the ones before it (a key an earlier step empties may
    /// then be deleted). That state is simulated on copies of the topmost keys the change touches: every
    /// operation lies inside one of them, so the copies are all the simulation needs.
    /// </remarks>
    public IReadOnlyList<string> Drift(RegistryKey root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var scratch = new Memory.MemoryKey();
        foreach (string top in TopmostKeys())
        {
            if (root.Open(top) is not { } real)
            {
                continue;
            }
            var parts = RegistryPath.Split(top);
            if (parts.Length == 0)
            {
                scratch = Memory.MemoryKey.CopyOf(real);
                break;
            }
            CopyInto(scratch.CreateSubkeyPath(string.Join('\\', parts[..^1])), real);
        }
        var store = new Stores.MemoryStore(scratch, "simulation");
        var problems = new List<string>();
        foreach (var op in Operations)
        {
            if (op.CheckPrecondition(scratch) is { } problem)
            {
                problems.Add(problem);
            }
            op.ApplyTo(store);
        }
        return problems;
    }

    /// <summary>
    /// Checks every precondition, then applies all operations and commits; nothing is applied when any
    /// precondition fails.
    /// </summary>
    /// <exception cref="ChangeConflictException">A precondition failed; the store is unchanged.</exception>
    public IReadOnlyList<string> Apply(IRegistryStore store, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!force && Drift(store.Root) is { Count: > 0 } drift)
        {
            throw new ChangeConflictException(store.Label, drift);
        }
        ApplyOperations(store);
        return store.Commit();
    }

    /// <summary>Applies every operation to the store without committing (no precondition check).</summary>
    internal void ApplyOperations(IRegistryStore store)
    {
        foreach (var op in Operations)
        {
            op.ApplyTo(store);
        }
    }

    /// <summary>The change as a diff, one line per operation.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append(Description).Append('\n');
        foreach (var op in Operations)
        {
            sb.Append("  ").Append(op.Describe()).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The topmost keys the change touches: every operation lies in one of their trees (what a backup must hold).</summary>
    public IReadOnlyList<string> TouchedKeys() => TopmostKeys().ToList();

    private IEnumerable<string> TopmostKeys()
    {
        // Each path's ancestors are looked up in a set (O(n × depth)); comparing every pair was O(n²).
        var paths = Operations.Select(o => string.Join('\\', RegistryPath.Split(o.KeyPath))).Distinct(RegistryName.Comparer).ToList();
        var set = paths.ToHashSet(RegistryName.Comparer);
        return paths.Where(p =>
        {
            for (int i = p.IndexOf('\\', StringComparison.Ordinal); i > 0; i = p.IndexOf('\\', i + 1))
            {
                if (set.Contains(p[..i]))
                {
                    return false;
                }
            }
            return true;
        });
    }

    private static void CopyInto(Memory.MemoryKey parent, RegistryKey source)
    {
        var target = parent.CreateSubkey(source.Name);
        foreach (var v in source.EnumerateValues())
        {
            target.SetValue(v);
        }
        foreach (var s in source.EnumerateSubkeys())
        {
            CopyInto(target, s);
        }
    }
}

/// <summary>A change set's preconditions do not hold: the registry is not in the state the change expects.</summary>
public sealed class ChangeConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChangeConflictException(string target, IReadOnlyList<string> drift)
        : base($"{target}: the registry is not in the state the change expects; nothing was changed: {string.Join("; ", drift)}")
    {
        Target = target;
        Drift = drift;
    }

    /// <summary>Required by analyzers.</summary>
    public ChangeConflictException()
        : this(string.Empty, [])
    {
    }

    /// <summary>Required by analyzers.</summary>
    public ChangeConflictException(string message)
        : this(message, [])
    {
    }

    /// <summary>Required by analyzers.</summary>
    public ChangeConflictException(string message, Exception inner)
        : base(message, inner)
    {
        Target = string.Empty;
        Drift = [];
    }

    /// <summary>The store.</summary>
    public string Target { get; }

    /// <summary>Every precondition that failed.</summary>
    public IReadOnlyList<string> Drift { get; }
}

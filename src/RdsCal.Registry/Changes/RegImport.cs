using RdsCal.Registry.Changes.Stores;
using RdsCal.Registry.Hive;
using RdsCal.Registry.Memory;
using RdsCal.Registry.RegText;

namespace RdsCal.Registry.Changes;

/// <summary>What importing a .reg file into a hive changes, and the counts an import reports.</summary>
/// <param name="Changes">The operations, each with the state it expects, relative to the hive root (empty: the hive already holds it all).</param>
/// <param name="Root">The .reg key path that stands for the hive root (the prefix used).</param>
/// <param name="Keys">Keys the file created or named.</param>
/// <param name="Values">Values the file sets.</param>
/// <param name="Deletions">Keys and values deleted (only those that existed).</param>
public sealed record RegImportPlan(ChangeSet Changes, string Root, int Keys, int Values, int Deletions);

/// <summary>
/// Turns a .reg file (keys, values and their deletions) into a change set for an offline hive, so that an import is
/// written, journalled and undone as every other change is (<see cref="ChangeRecorder"/>): each missing key is created
/// one level at a time and each deleted tree is kept, so the undo removes exactly what the import created and brings
/// back what it deleted.
/// </summary>
public static class RegImport
{
    /// <summary>Plans applying <paramref name="document"/> (read from <paramref name="regPath"/>) to the hive whose root is <paramref name="hiveRoot"/>.</summary>
    /// <param name="hiveRoot">The hive as it is now.</param>
    /// <param name="document">The .reg file.</param>
    /// <param name="regPath">Where it was read from, for messages.</param>
    /// <param name="prefix">
    /// The key path in the file that stands for the hive root (for example <c>HKEY_LOCAL_MACHINE\SYSTEM</c>); null: the
    /// file's first two common components, when they start with a root key.
    /// </param>
    /// <exception cref="RegImportException">A key is outside the prefix, or the file deletes the hive root.</exception>
    /// <exception cref="RegTextFormatException">A key or value name breaks Windows' limits.</exception>
    public static RegImportPlan Plan(RegistryKey hiveRoot, RegTextDocument document, string regPath, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(hiveRoot);
        ArgumentNullException.ThrowIfNull(document);
        string root = RootOf(document, prefix);
        string[] rootParts = RegistryPath.Split(root);
        var steps = new List<(RegTextEntry Entry, string Path)>(document.Entries.Count);
        foreach (var e in document.Entries)
        {
            steps.Add((e, Check(e, rootParts, root, regPath)));
        }
        // The state each entry meets is the one the entries before it leave: simulated on copies of the topmost keys
        // the file touches (every entry lies in one of them), as ChangeSet.Drift simulates a change.
        var scratch = new MemoryKey();
        foreach (string top in Topmost(steps.Select(s => s.Path)))
        {
            if (hiveRoot.Open(top) is not { } real)
            {
                // Absent: its existing ancestors are still there (empty in the copy: no entry touches their values).
                scratch.CreateSubkeyPath(ExistingPart(hiveRoot, top));
                continue;
            }
            if (top.Length == 0)
            {
                scratch = MemoryKey.CopyOf(real);
                break;
            }
            var parts = RegistryPath.Split(top);
            CopyInto(scratch.CreateSubkeyPath(string.Join('\\', parts[..^1])), real);
        }
        var state = new MemoryStore(scratch, "simulation");
        var ops = new List<ChangeOperation>();
        void Add(ChangeOperation op)
        {
            ops.Add(op);
            op.ApplyTo(state);
        }
        int keys = 0, values = 0, deletions = 0;
        foreach (var (e, rel) in steps)
        {
            switch (e.Kind)
            {
                case RegTextEntryKind.Key:
                    CreateMissing(scratch, rel, Add);
                    keys++;
                    break;
                case RegTextEntryKind.DeleteKey:
                    if (scratch.Open(rel) is { } doomed)
                    {
                        Add(new DeleteKeyOperation(rel, MemoryKey.CopyOf(doomed)));
                        deletions++;
                    }
                    break;
                case RegTextEntryKind.SetValue:
                    CreateMissing(scratch, rel, Add);
                    var old = scratch.Open(rel)!.GetValue(e.Value!.Name);
                    if (old is null || old.Kind != e.Value.Kind || !old.Span.SequenceEqual(e.Value.Span))
                    {
                        Add(new SetValueOperation(rel, e.Value, old));
                    }
                    values++;
                    break;
                case RegTextEntryKind.DeleteValue:
                    if (scratch.Open(rel) is { } key && key.GetValue(e.ValueName!) is not null)
                    {
                        DeleteKeepingOrder(key, rel, e.ValueName!, Add);
                        deletions++;
                    }
                    break;
            }
        }
        return new RegImportPlan(new ChangeSet($"import {Path.GetFileName(regPath)}", ops), root, keys, values, deletions);
    }

    /// <summary>The key path that stands for the hive root: <paramref name="prefix"/>, or the file's first two common components when they start with a root key.</summary>
    public static string RootOf(RegTextDocument document, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        return prefix ?? DefaultPrefix(document);
    }

    // Validates an entry and returns its path below the hive root.
    private static string Check(RegTextEntry e, string[] rootParts, string root, string regPath)
    {
        if (!RegistryRoot.TryStrip(e.KeyPath, rootParts, out string[] relative))
        {
            throw new RegImportException(regPath, e.Line, RegImportProblem.KeyOutsidePrefix, $"key '{e.KeyPath}' is not under '{root}'");
        }
        // Windows' limits (512 levels, 255-character key names, 16,383-character value names): a file that breaks
        // them did not come from a registry, and the hive must not get such a record.
        if (relative.Length > HiveVerifier.MaxDepth)
        {
            throw new RegTextFormatException($"key '{e.KeyPath[..60]}…' is nested {relative.Length:N0} levels below the hive root; Windows allows at most {HiveVerifier.MaxDepth}", e.Line, 1).WithFile(regPath);
        }
        if (relative.FirstOrDefault(p => p.Length > 255) is { } longName)
        {
            throw new RegTextFormatException($"key name '{longName[..40]}…' is {longName.Length:N0} characters; Windows allows at most 255", e.Line, 1).WithFile(regPath);
        }
        if (e.ValueName is { Length: > 16383 } longValue)
        {
            throw new RegTextFormatException($"value name '{longValue[..40]}…' is {longValue.Length:N0} characters; Windows allows at most 16,383", e.Line, 1).WithFile(regPath);
        }
        if (e.Kind == RegTextEntryKind.DeleteKey && relative.Length == 0)
        {
            throw new RegImportException(regPath, e.Line, RegImportProblem.DeletesHiveRoot, "deleting the hive root is not possible");
        }
        return string.Join('\\', relative);
    }

    // One operation per missing level, so the undo deletes exactly the keys the import created.
    private static void CreateMissing(MemoryKey scratch, string path, Action<ChangeOperation> add)
    {
        var parts = RegistryPath.Split(path);
        for (int n = 1; n <= parts.Length; n++)
        {
            string level = string.Join('\\', parts[..n]);
            if (scratch.Open(level) is null)
            {
                add(new CreateKeyOperation(level));
            }
        }
    }

    /// <summary>
    /// Deletes a value so that its undo puts it back where it was: an undo appends the values it sets, so the values
    /// after the deleted one are taken out first and set again after it (same data), and the undo, replaying the
    /// inverse in reverse, appends the deleted value before them. The key then exports byte for byte as before.
    /// </summary>
    private static void DeleteKeepingOrder(RegistryKey key, string path, string name, Action<ChangeOperation> add)
    {
        var all = key.EnumerateValues().ToList();
        int at = all.FindIndex(v => RegistryName.Comparer.Equals(v.Name, name));
        var after = all.Skip(at + 1).ToList();
        for (int i = after.Count - 1; i >= 0; i--)
        {
            add(new DeleteValueOperation(path, after[i]));
        }
        add(new DeleteValueOperation(path, all[at]));
        foreach (var v in after)
        {
            add(new SetValueOperation(path, v, null));
        }
    }

    private static string ExistingPart(RegistryKey root, string path)
    {
        var parts = RegistryPath.Split(path);
        int n = parts.Length;
        while (n > 0 && root.Open(string.Join('\\', parts[..n])) is null)
        {
            n--;
        }
        return string.Join('\\', parts[..n]);
    }

    private static void CopyInto(MemoryKey parent, RegistryKey source)
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

    private static IEnumerable<string> Topmost(IEnumerable<string> paths)
    {
        var distinct = paths.Distinct(RegistryName.Comparer).ToList();
        if (distinct.Contains(string.Empty))
        {
            return [string.Empty];
        }
        var set = distinct.ToHashSet(RegistryName.Comparer);
        return distinct.Where(p =>
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

    // The file's common first two components when they start with a root key (HKEY_LOCAL_MACHINE\SYSTEM), else
    // nothing: a file of bare paths is relative to the hive root already.
    private static string DefaultPrefix(RegTextDocument document)
    {
        string common = document.CommonPrefix(2);
        string first = RegistryPath.Split(common).FirstOrDefault() ?? string.Empty;
        return RegistryRoot.FullName(first) is not null || first.StartsWith("HKEY_", StringComparison.OrdinalIgnoreCase) ? common : string.Empty;
    }
}

using RdsCal.Registry.Hive;
using RdsCal.Registry.RegText;

namespace RdsCal.Registry.Changes;

/// <summary>How a .reg file is applied to a hive.</summary>
public sealed record RegImportOptions
{
    /// <summary>
    /// The key path in the .reg file that stands for the hive root (for example <c>HKEY_LOCAL_MACHINE\SYSTEM</c>);
    /// null: the file's first two common components, when they start with a root key.
    /// </summary>
    public string? Prefix { get; init; }

    /// <summary>Keep the original hive as a backup beside it (default true).</summary>
    public bool Backup { get; init; } = true;

    /// <summary>Write even to a hive that <see cref="HiveVerifier"/> finds problems in.</summary>
    public bool WriteToCorruptHive { get; init; }

    /// <summary>How long to wait for another writer's lock on the hive.</summary>
    public TimeSpan LockWait { get; init; } = TargetLock.DefaultWait;
}

/// <summary>What an import did.</summary>
/// <param name="Keys">Keys the file created or named.</param>
/// <param name="Values">Values set.</param>
/// <param name="Deletions">Keys and values deleted (only those that existed).</param>
/// <param name="Save">Where the hive and its backup went, and which stale logs were moved aside.</param>
public sealed record RegImportResult(int Keys, int Values, int Deletions, HiveSaveResult Save);

/// <summary>
/// Applies a .reg file (keys, values and their deletions) to an offline hive: the hive is locked from read to save,
/// verified before it is written (a hive with problems is refused unless asked), and saved atomically with a backup.
/// </summary>
public static class RegImport
{
    /// <summary>Applies <paramref name="document"/> (read from <paramref name="regPath"/>) to the hive at <paramref name="hivePath"/>.</summary>
    /// <exception cref="RegImportException">A key is outside the prefix, or the file deletes the hive root; nothing was written.</exception>
    /// <exception cref="RegTextFormatException">A key or value name breaks Windows' length limits; nothing was written.</exception>
    /// <exception cref="CorruptTargetException">The hive fails verification; nothing was written.</exception>
    public static RegImportResult Apply(string hivePath, RegTextDocument document, string regPath, RegImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hivePath);
        ArgumentNullException.ThrowIfNull(document);
        options ??= new RegImportOptions();
        string root = options.Prefix ?? DefaultPrefix(document);
        string[] rootParts = RegistryPath.Split(root);
        // Locked from read to save, like every change, so a concurrent writer's update is not lost.
        using var hold = TargetLock.Acquire(hivePath, options.LockWait);
        // A killed import's full-size temporary hive is removed by the next one, as by every other writer.
        hold.RemoveStaleTemporaryFiles();
        var editor = HiveEditor.Open(hold.Target);
        if (!options.WriteToCorruptHive && HiveVerifier.Verify(editor.ToArray()) is { Count: > 0 } problems)
        {
            throw new CorruptTargetException(hold.Target, problems);
        }
        int keys = 0, values = 0, deletions = 0;
        foreach (var e in document.Entries)
        {
            if (!RegistryRoot.TryStrip(e.KeyPath, rootParts, out string[] relative))
            {
                throw new RegImportException(regPath, e.Line, RegImportProblem.KeyOutsidePrefix, $"key '{e.KeyPath}' is not under '{root}'");
            }
            // Windows' limits (255-character key names, 16,383-character value names): a file that breaks them did
            // not come from a registry, and the hive must not get such a record.
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
            string rel = string.Join('\\', relative);
            switch (e.Kind)
            {
                case RegTextEntryKind.Key:
                    editor.CreateKey(rel);
                    keys++;
                    break;
                case RegTextEntryKind.DeleteKey:
                    if (rel.Length == 0)
                    {
                        throw new RegImportException(regPath, e.Line, RegImportProblem.DeletesHiveRoot, "deleting the hive root is not possible");
                    }
                    deletions += editor.DeleteKey(rel) ? 1 : 0;
                    break;
                case RegTextEntryKind.SetValue:
                    editor.CreateKey(rel);
                    editor.SetValue(rel, e.Value!);
                    values++;
                    break;
                case RegTextEntryKind.DeleteValue:
                    deletions += editor.DeleteValue(rel, e.ValueName!) ? 1 : 0;
                    break;
            }
        }
        var save = editor.Save(hivePath, new HiveSaveOptions { Backup = options.Backup });
        return new RegImportResult(keys, values, deletions, save);
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

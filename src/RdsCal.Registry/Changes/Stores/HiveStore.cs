using System.Globalization;
using RdsCal.Registry.Hive;

namespace RdsCal.Registry.Changes.Stores;

/// <summary>
/// A store over an offline hive file: edits in memory; <see cref="Stage"/> writes the new hive beside the target
/// (with the original kept as a backup) for a rename to commit, and <see cref="Commit"/> saves it atomically in one go.
/// </summary>
public sealed class HiveStore : IStagedStore, IDisposable
{
    private readonly HiveEditor _editor;
    private readonly string _path;
    private readonly HiveSaveOptions _save;
    private HiveFile _view;
    private bool _changed;
    private bool _stale;

    /// <summary>Opens a hive file for changes.</summary>
    /// <param name="path">The hive.</param>
    /// <param name="save">How <see cref="Commit"/> saves.</param>
    /// <param name="force">Accept a hive that <see cref="HiveVerifier"/> finds problems in.</param>
    /// <exception cref="CorruptTargetException">The hive fails verification and <paramref name="force"/> is false.</exception>
    public HiveStore(string path, HiveSaveOptions? save = null, bool force = false)
    {
        _path = FileNode.RealPath(path);
        _editor = HiveEditor.Open(_path);
        if (!force && HiveVerifier.Verify(_editor.ToArray()) is { Count: > 0 } problems)
        {
            throw new CorruptTargetException(_path, problems);
        }
        _save = save ?? HiveSaveOptions.Default;
        _view = _editor.Read();
    }

    /// <inheritdoc />
    public string Label => _path;

    /// <inheritdoc />
    public RegistryKey Root
    {
        get
        {
            // The view is rebuilt only when read after an edit: a change set's many edits cost one re-read.
            if (_stale)
            {
                _view.Dispose();
                _view = _editor.Read();
                _stale = false;
            }
            return _view.Root;
        }
    }

    /// <summary>The name of the staged file for change <paramref name="id"/> beside <paramref name="target"/>.</summary>
    public static string StagedPath(string target, string id) =>
        Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.rdscal-stage-{id}.tmp");

    /// <inheritdoc />
    public void CreateKey(string path) => Edited(() => _editor.CreateKey(path));

    /// <inheritdoc />
    public void DeleteKey(string path) => Edited(() => _editor.DeleteKey(path));

    /// <inheritdoc />
    public void SetValue(string keyPath, RegistryValue value) => Edited(() => _editor.SetValue(keyPath, value));

    /// <inheritdoc />
    public void DeleteValue(string keyPath, string name) => Edited(() => _editor.DeleteValue(keyPath, name));

    /// <inheritdoc />
    public void EnsureWritable() => HiveEditor.EnsureWritable(_path);

    /// <inheritdoc />
    public StagedFile? Stage(string part, string id)
    {
        if (!_changed)
        {
            return null;
        }
        HiveEditor.EnsureWritable(_path);
        WriteStep.Reached("stage " + part);
        string staged = StagedPath(_path, id);
        string? backup = null;
        try
        {
            string before = StagedCommit.Hash(_path);
            string after = Convert.ToHexString(_editor.WriteImage(staged));
            FileNode.KeepOwnership(_path, staged);
            WriteStep.Reached("keep backup " + part);
            backup = HiveEditor.KeepBackup(_path, Stamp());
            FileNode.FlushFolder(Path.GetDirectoryName(_path) ?? ".");
            _changed = false;
            return new StagedFile(part, _path, staged, backup, before, after);
        }
        catch
        {
            // Not staged: remove what this attempt wrote (the caller removes the parts staged before it).
            File.Delete(staged);
            if (backup is not null)
            {
                File.Delete(backup);
            }
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> AfterCommit(StagedFile staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        var notes = new List<string> { $"saved {staged.Target}" };
        if (staged.Backup is not null)
        {
            notes.Add($"previous hive kept as {staged.Backup}");
        }
        if (string.Equals(_editor.SourcePath, _path, StringComparison.Ordinal))
        {
            notes.AddRange(_editor.MoveStaleLogsAside(Stamp()).Select(m => $"stale transaction log moved aside: {m.To}"));
        }
        return notes;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Commit()
    {
        if (!_changed)
        {
            return [];
        }
        _changed = false;
        var result = _editor.Save(_path, _save);
        var notes = new List<string> { $"saved {result.Path}" };
        if (result.BackupPath is not null)
        {
            notes.Add($"previous hive kept as {result.BackupPath}");
        }
        notes.AddRange(result.MovedLogs.Select(m => $"stale transaction log moved aside: {m.To}"));
        return notes;
    }

    /// <summary>Releases the read view.</summary>
    public void Dispose() => _view.Dispose();

    private static string Stamp() => DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);

    private void Edited(Action edit)
    {
        edit();
        _changed = true;
        _stale = true;
    }
}

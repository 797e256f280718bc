using RdsCal.Registry.Hive;

namespace RdsCal.Registry.Changes.Stores;

/// <summary>A store over an offline hive file: edits in memory, saved atomically (with a backup) on commit.</summary>
public sealed class HiveStore : IRegistryStore, IDisposable
{
    private readonly HiveEditor _editor;
    private readonly string _path;
    private readonly HiveSaveOptions _save;
    private HiveFile _view;
    private bool _changed;
    private bool _stale;

    /// <summary>Opens a hive file for changes.</summary>
    public HiveStore(string path, HiveSaveOptions? save = null)
    {
        _path = Path.GetFullPath(path);
        _editor = HiveEditor.Open(_path);
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

    /// <inheritdoc />
    public void CreateKey(string path) => Edited(() => _editor.CreateKey(path));

    /// <inheritdoc />
    public void DeleteKey(string path) => Edited(() => _editor.DeleteKey(path));

    /// <inheritdoc />
    public void SetValue(string keyPath, RegistryValue value) => Edited(() => _editor.SetValue(keyPath, value));

    /// <inheritdoc />
    public void DeleteValue(string keyPath, string name) => Edited(() => _editor.DeleteValue(keyPath, name));

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

    private void Edited(Action edit)
    {
        edit();
        _changed = true;
        _stale = true;
    }
}

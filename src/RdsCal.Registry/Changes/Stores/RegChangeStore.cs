using System.Text;
using RdsCal.Registry.Memory;
using RdsCal.Registry.RegText;

namespace RdsCal.Registry.Changes.Stores;

/// <summary>
/// A store over a .reg export that is never modified: changes are written as a new .reg file (with the
/// deletions regedit understands) to be imported on the machine the export came from.
/// </summary>
public sealed class RegChangeStore : IRegistryStore
{
    private readonly MemoryKey _tree;
    private readonly string _prefix;
    private readonly RegChangeScript _script;

    /// <summary>Creates the store: <paramref name="tree"/> is the export's content, <paramref name="prefix"/> its root path.</summary>
    public RegChangeStore(MemoryKey tree, string label, string prefix, RegChangeScript script)
    {
        _tree = tree;
        Label = label;
        _prefix = prefix;
        _script = script;
    }

    /// <inheritdoc />
    public string Label { get; }

    /// <summary>Where the change script is written.</summary>
    public string ScriptPath => Path.GetFullPath(_script.OutputPath);

    /// <inheritdoc />
    public RegistryKey Root => _tree;

    /// <inheritdoc />
    public void CreateKey(string path)
    {
        _tree.CreateSubkeyPath(path);
        _script.Add(w => w.WriteKey(Full(path)));
    }

    /// <inheritdoc />
    public void DeleteKey(string path)
    {
        new MemoryStore(_tree).DeleteKey(path);
        _script.Add(w => w.WriteDeleteKey(Full(path)));
    }

    /// <inheritdoc />
    public void SetValue(string keyPath, RegistryValue value)
    {
        _tree.CreateSubkeyPath(keyPath).SetValue(value);
        _script.Add(w =>
        {
            w.WriteKey(Full(keyPath));
            w.WriteValue(value);
        });
    }

    /// <inheritdoc />
    public void DeleteValue(string keyPath, string name)
    {
        ((MemoryKey?)_tree.Open(keyPath))?.DeleteValue(name);
        _script.Add(w =>
        {
            w.WriteKey(Full(keyPath));
            w.WriteDeleteValue(name);
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Commit() => _script.Write();

    private string Full(string path) => RegistryPath.Combine(_prefix, string.Join('\\', RegistryPath.Split(path)));
}

/// <summary>The .reg file that carries changes made to .reg inputs; shared by the parts of a machine.</summary>
/// <param name="outputPath">Where the script is written.</param>
/// <param name="output">Whether an existing file there may be replaced, and which inputs it must never be (default: a new file only).</param>
public sealed class RegChangeScript(string outputPath, OutputOptions? output = null)
{
    private readonly List<Action<RegTextWriter>> _statements = [];

    /// <summary>Where the script is written.</summary>
    public string OutputPath { get; } = outputPath;

    internal void Add(Action<RegTextWriter> statement) => _statements.Add(statement);

    internal IReadOnlyList<string> Write()
    {
        if (_statements.Count == 0)
        {
            return [];
        }
        string full = Path.GetFullPath(OutputPath);
        RegTextWriter.WriteFile(full, w =>
        {
            foreach (var statement in _statements)
            {
                statement(w);
            }
        }, output: output);
        _statements.Clear();
        return [$"the inputs are .reg exports and were not changed; the change is in {full}: import it on that machine (regedit /s or reg import)"];
    }

}

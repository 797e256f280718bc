using System.Globalization;
using RdsCal.Registry.Hive;
using RdsCal.Registry.Memory;
using RdsCal.Registry.Policy;

namespace RdsCal.Registry.Changes.Stores;

/// <summary>
/// A Group Policy template folder as a store: its Machine <c>Registry.pol</c> read as the HKLM values it leaves in
/// force (paths such as <c>Software\Policies\…</c>), and its <c>gpt.ini</c>. A change rewrites only the policy
/// entries of the values it sets or deletes (every other entry is kept byte for byte, new entries go last), and
/// every change, an undo included, raises the machine half of the gpt.ini version and lists the client-side
/// extension that reads Registry.pol: a client that finds a GPO's version equal to the one it cached takes it as
/// unchanged and may skip it ([MS-GPOL] 3.2.1.1, Cache of GPO Versions,
/// https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-gpol/bc953fef-0ca0-495f-8097-20772b3f6a6e; the
/// increment on every change is 3.3.4.5), so a version never goes back. Both files are staged and committed together, like the hives of a two-hive change.
/// </summary>
public sealed class GpoStore : IRegistryStore
{
    private readonly PolicyPart _policy;
    private readonly GptPart _gpt;

    /// <summary>Reads the two files (either may be absent).</summary>
    /// <param name="gptPath">The folder's gpt.ini.</param>
    /// <param name="policyPath">The folder's Machine\Registry.pol.</param>
    /// <param name="extension">The client-side extension GUID gpt.ini must list for Registry.pol to be read.</param>
    /// <param name="tool">The tool extension GUID to list with it when none of <paramref name="acceptedTools"/> is.</param>
    /// <param name="acceptedTools">Tool GUIDs that already register <paramref name="extension"/>.</param>
    /// <exception cref="PolicyFormatException">A file is malformed.</exception>
    public GpoStore(string gptPath, string policyPath, string extension, string tool, IReadOnlyCollection<string> acceptedTools)
    {
        ArgumentNullException.ThrowIfNull(gptPath);
        ArgumentNullException.ThrowIfNull(policyPath);
        _policy = new PolicyPart(FileNode.RealPath(policyPath));
        _gpt = new GptPart(FileNode.RealPath(gptPath), _policy, extension, tool, acceptedTools);
    }

    /// <summary>gpt.ini's part name (journal staging, write steps).</summary>
    public const string GptPartName = "gpt.ini";

    /// <summary>Registry.pol's part name (journal staging, write steps).</summary>
    public const string PolicyPartName = "Registry.pol";

    /// <inheritdoc />
    public string Label => $"{_gpt.Path} + {_policy.Path}";

    /// <inheritdoc />
    public RegistryKey Root => _policy.Root;

    /// <summary>
    /// The files in commit order: gpt.ini first, so that an interruption no later run settles leaves a raised
    /// version over the old settings (clients apply again what they had) rather than new settings clients never fetch.
    /// </summary>
    internal IReadOnlyList<(string Name, IStagedStore Store)> StagedParts => [(GptPartName, _gpt), (PolicyPartName, _policy)];

    /// <inheritdoc />
    public void CreateKey(string path) => _policy.CreateKey(path);

    /// <inheritdoc />
    public void DeleteKey(string path) => _policy.DeleteKey(path);

    /// <inheritdoc />
    public void SetValue(string keyPath, RegistryValue value) => _policy.SetValue(keyPath, value);

    /// <inheritdoc />
    public void DeleteValue(string keyPath, string name) => _policy.DeleteValue(keyPath, name);

    /// <inheritdoc />
    public IReadOnlyList<string> Commit() => [];

    // The original is copied to FILE.STAMP.bak, the name gpo set has always used for its backups. A copy, not a hard
    // link as for hives: the files are small, and a linked backup would give the target a second name that the next
    // run's hard-link check refuses.
    private static string KeepBackup(string target)
    {
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string backup = UniqueFileName.For($"{target}.{stamp}.bak");
        File.Copy(target, backup, overwrite: false);
        return backup;
    }

    private static StagedFile? StageBytes(string part, string target, string id, byte[] bytes)
    {
        WriteStep.Reached("stage " + part);
        string staged = HiveStore.StagedPath(target, id);
        string? backup = null;
        try
        {
            string before = StagedCommit.Hash(target);
            using (var stream = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            bool exists = File.Exists(target);
            if (exists)
            {
                FileNode.KeepOwnership(target, staged);
            }
            WriteStep.Reached("keep backup " + part);
            backup = exists ? KeepBackup(target) : null;
            FileNode.FlushFolder(System.IO.Path.GetDirectoryName(target) ?? ".");
            return new StagedFile(part, target, staged, backup, before, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)));
        }
        catch
        {
            File.Delete(staged);
            if (backup is not null)
            {
                File.Delete(backup);
            }
            throw;
        }
    }

    private static void RefuseReadOnly(string path)
    {
        if (File.Exists(path))
        {
            HiveEditor.EnsureWritable(path);
        }
    }

    /// <summary>Registry.pol: the values in force as a tree, and the edits made to them in order.</summary>
    private sealed class PolicyPart : IStagedStore
    {
        private readonly byte[] _original;
        private readonly IReadOnlyList<PolicyEntry> _entries;
        private readonly MemoryKey _view = new();
        // (key, name) -> the value set (null: deleted), in the order first edited.
        private readonly List<(string Key, string Name, RegistryValue? Value)> _edits = [];
        private bool _staged;

        public PolicyPart(string path)
        {
            Path = path;
            _original = File.Exists(path) ? PolicyFileReader.ReadBytes(path) : [];
            try
            {
                _entries = _original.Length == 0 ? [] : PolicyFileReader.Parse(_original);
            }
            catch (PolicyFormatException e) when (e.FilePath is null)
            {
                throw new PolicyFormatException(e.Detail, e.Offset, path);
            }
            PolicyFileReader.ApplyTo(_entries, _view);
        }

        public string Path { get; }

        public bool Edited => _edits.Count > 0;

        public string Label => Path;

        public RegistryKey Root => _view;

        public void CreateKey(string path) => _view.CreateSubkeyPath(path);

        public void DeleteKey(string path) =>
            throw new NotSupportedException($"{Path}: deleting a key tree from a policy file is not a change rdscal makes");

        public void SetValue(string keyPath, RegistryValue value)
        {
            _view.CreateSubkeyPath(keyPath).SetValue(value);
            Edit(keyPath, value.Name, value);
        }

        public void DeleteValue(string keyPath, string name)
        {
            ((MemoryKey?)_view.Open(keyPath))?.DeleteValue(name);
            Edit(keyPath, name, null);
        }

        public IReadOnlyList<string> Commit() => [];

        public void EnsureWritable() => RefuseReadOnly(Path);

        public StagedFile? Stage(string part, string id)
        {
            if (!Edited || _staged)
            {
                return null;
            }
            RefuseReadOnly(Path);
            var edited = _edits.Select(e => (Normal(e.Key), e.Name.ToUpperInvariant())).ToHashSet();
            // Every instruction about an edited value (set, soft set, delete) goes; the value's new entry is appended,
            // so it is applied after every other entry and no earlier delete instruction can undo it.
            byte[] bytes = PolicyFileWriter.Rewrite(_original, _entries,
                e => e.Action is PolicyAction.SetValue or PolicyAction.SoftSetValue or PolicyAction.DeleteValue
                    && edited.Contains((Normal(e.KeyPath), e.TargetName.ToUpperInvariant())),
                _edits.Where(e => e.Value is not null).Select(e => new PolicyEntry(e.Key, e.Value!.Name, e.Value.Kind, e.Value.Span.ToArray(), 0)));
            var staged = StageBytes(part, Path, id, bytes);
            _staged = true;
            return staged;
        }

        public IReadOnlyList<string> AfterCommit(StagedFile staged) => [];

        private static string Normal(string key) => string.Join('\\', RegistryPath.Split(key)).ToUpperInvariant();

        private void Edit(string key, string name, RegistryValue? value)
        {
            int at = _edits.FindIndex(e => Normal(e.Key) == Normal(key) && string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
            if (at >= 0)
            {
                _edits[at] = (key, name, value);
            }
            else
            {
                _edits.Add((key, name, value));
            }
        }
    }

    /// <summary>gpt.ini: rewritten, version raised, whenever the policy file is.</summary>
    private sealed class GptPart(string path, PolicyPart policy, string extension, string tool, IReadOnlyCollection<string> acceptedTools) : IStagedStore
    {
        private bool _staged;

        public string Path { get; } = path;

        public string Label => Path;

        public RegistryKey Root => throw new NotSupportedException("gpt.ini holds no registry values");

        public void CreateKey(string path) => throw new NotSupportedException("gpt.ini holds no registry values");

        public void DeleteKey(string path) => throw new NotSupportedException("gpt.ini holds no registry values");

        public void SetValue(string keyPath, RegistryValue value) => throw new NotSupportedException("gpt.ini holds no registry values");

        public void DeleteValue(string keyPath, string name) => throw new NotSupportedException("gpt.ini holds no registry values");

        public IReadOnlyList<string> Commit() => [];

        public void EnsureWritable() => RefuseReadOnly(Path);

        public StagedFile? Stage(string part, string id)
        {
            if (!policy.Edited || _staged)
            {
                return null;
            }
            RefuseReadOnly(Path);
            var gpt = File.Exists(Path) ? GptIni.Load(Path) : GptIni.Empty;
            gpt.BumpMachineVersion();
            gpt.AddMachineExtension(extension, tool, acceptedTools);
            var staged = StageBytes(part, Path, id, gpt.ToBytes());
            _staged = true;
            return staged;
        }

        public IReadOnlyList<string> AfterCommit(StagedFile staged) => [];
    }
}

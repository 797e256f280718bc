using RdsCal.Registry.Changes;
using RdsCal.Registry.Changes.Stores;
using RdsCal.Registry.Memory;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests;

public class ChangeSetTests
{
    private static MemoryKey Tree()
    {
        var root = new MemoryKey();
        var k = root.CreateSubkeyPath(@"SYSTEM\A");
        k.SetValue(RegistryValue.FromDWord("mode", 5));
        k.CreateSubkey("Child").SetValue(RegistryValue.FromString("s", "x"));
        return root;
    }

    [Fact]
    public void Applies_in_order_and_the_inverse_restores_exactly()
    {
        var root = Tree();
        var original = TreeFacts.Flatten(root);
        var change = new ChangeSet("test",
        [
            new SetValueOperation(@"SYSTEM\A", RegistryValue.FromDWord("mode", 4), RegistryValue.FromDWord("mode", 5)),
            new CreateKeyOperation(@"SYSTEM\B"),
            new SetValueOperation(@"SYSTEM\B", RegistryValue.FromMultiString("list", ["a"]), null),
            new DeleteKeyOperation(@"SYSTEM\A\Child", MemoryKey.CopyOf(root.Open(@"SYSTEM\A\Child")!)),
        ]);
        var store = new MemoryStore(root);
        change.Apply(store);
        Assert.Equal(4u, root.Open(@"SYSTEM\A")!.GetValue("mode")!.AsDWord());
        Assert.Null(root.Open(@"SYSTEM\A\Child"));
        Assert.NotNull(root.Open(@"SYSTEM\B")!.GetValue("list"));
        change.Inverse().Apply(store);
        var back = TreeFacts.Flatten(root);
        Assert.True(original.Keys.SetEquals(back.Keys));
        Assert.True(original.Values.SetEquals(back.Values));
    }

    [Fact]
    public void A_failed_precondition_applies_nothing_and_names_every_drift()
    {
        var root = Tree();
        var before = TreeFacts.Flatten(root);
        var change = new ChangeSet("test",
        [
            new SetValueOperation(@"SYSTEM\A", RegistryValue.FromDWord("other", 1), null),
            new SetValueOperation(@"SYSTEM\A", RegistryValue.FromDWord("mode", 4), RegistryValue.FromDWord("mode", 2)),
            new DeleteValueOperation(@"SYSTEM\A", RegistryValue.FromDWord("missing", 1)),
        ]);
        var e = Assert.Throws<ChangeConflictException>(() => change.Apply(new MemoryStore(root)));
        Assert.Equal(2, e.Drift.Count);
        Assert.Contains(e.Drift, d => d.Contains("expected REG_DWORD 0x00000002", StringComparison.Ordinal));
        Assert.True(before.Values.SetEquals(TreeFacts.Flatten(root).Values));
    }

    [Fact]
    public void Renders_a_readable_diff()
    {
        var change = new ChangeSet("demo",
        [
            new CreateKeyOperation(@"SYSTEM\B"),
            new SetValueOperation(@"SYSTEM\A", RegistryValue.FromDWord("mode", 4), RegistryValue.FromDWord("mode", 5)),
            new DeleteValueOperation(@"SYSTEM\A", RegistryValue.FromString("s", "x")),
        ]);
        string text = change.Render();
        Assert.Contains(@"+ [SYSTEM\B]", text, StringComparison.Ordinal);
        Assert.Contains("~ SYSTEM\\A\\mode: REG_DWORD 0x00000005 (5) -> REG_DWORD 0x00000004 (4)", text, StringComparison.Ordinal);
        Assert.Contains(@"- SYSTEM\A\s (was REG_SZ x)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Journal_round_trips_operations_byte_exact_and_tracks_undo_and_failure()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("rdscal-journal-").FullName, "j.jsonl");
        var journal = new ChangeJournal(path);
        var root = Tree();
        var odd = new RegistryValue("odd", (RegistryValueKind)0x4242, [0, 1, 255]);
        var change = new ChangeSet("test", [new SetValueOperation(@"SYSTEM\A", odd, null), new DeleteKeyOperation(@"SYSTEM\A\Child", MemoryKey.CopyOf(root.Open(@"SYSTEM\A\Child")!))]);
        var first = ChangeRecorder.Apply(change, new MemoryStore(root), journal, "HKEY_LOCAL_MACHINE");
        Assert.True(File.Exists(first.BackupPath));
        Assert.Contains("[HKEY_LOCAL_MACHINE\\SYSTEM\\A\\Child]", File.ReadAllText(first.BackupPath, System.Text.Encoding.Unicode), StringComparison.Ordinal);
        var entry = journal.Find(first.Id)!;
        var rebuilt = entry.ToChangeSet();
        var set = Assert.IsType<SetValueOperation>(rebuilt.Operations[0]);
        Assert.Equal(odd.Kind, set.NewValue.Kind);
        Assert.Equal(odd.Span.ToArray(), set.NewValue.Span.ToArray());
        var undo = ChangeRecorder.Apply(rebuilt.Inverse(), new MemoryStore(root), journal, "HKEY_LOCAL_MACHINE", undoOf: first.Id);
        Assert.Equal(undo.Id, journal.Find(first.Id)!.UndoneBy);
        Assert.Null(journal.LastUndoable());
        journal.MarkFailed(undo.Id, "boom");
        Assert.Equal("boom", journal.Find(undo.Id)!.Failed);
    }
}

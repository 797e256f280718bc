using RdsCal.Registry.Hive;
using RdsCal.Registry.Memory;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests.Hive;

public class HiveEditorTests
{
    [Fact]
    public void A_new_empty_hive_verifies_clean_and_reads_back()
    {
        var editor = HiveEditor.CreateEmpty();
        byte[] bytes = editor.ToArray();
        Assert.Empty(HiveVerifier.Verify(bytes));
        using var hive = HiveFile.Load(bytes);
        Assert.Equal("1.5", hive.Version);
        Assert.Equal(0, hive.Root.SubkeyCount);
        Assert.NotNull(hive.Root.SecurityDescriptor);
        Assert.False(hive.Header.IsDirty);
    }

    [Fact]
    public void Every_kind_and_size_of_value_round_trips()
    {
        var editor = HiveEditor.CreateEmpty();
        editor.CreateKey(@"A\B\C");
        var values = new List<RegistryValue>
        {
            new("empty", RegistryValueKind.Binary, []),
            new("one", RegistryValueKind.Binary, [1]),
            RegistryValue.FromDWord("dword", 0xDEADBEEF),
            new("five", RegistryValueKind.Binary, [1, 2, 3, 4, 5]),
            RegistryValue.FromString("sz", "Привет ß"),
            RegistryValue.FromMultiString("multi", ["a", "b"]),
            RegistryValue.FromQWord("q", ulong.MaxValue),
            new("unknown kind", (RegistryValueKind)0x12345678, [9, 9]),
            new("exactly 16344", RegistryValueKind.Binary, Bytes(16344, 1)),
            new("16345 needs db", RegistryValueKind.Binary, Bytes(16345, 2)),
            new("one megabyte", RegistryValueKind.Binary, Bytes(1 << 20, 3)),
            RegistryValue.FromDWord(string.Empty, 7),
        };
        foreach (var v in values)
        {
            editor.SetValue(@"A\B\C", v);
        }
        byte[] bytes = editor.ToArray();
        Assert.Empty(HiveVerifier.Verify(bytes));
        using var hive = HiveFile.Load(bytes);
        var key = hive.Root.Open(@"a\b\c")!;
        Assert.Equal(values.Select(v => v.Name), key.EnumerateValues().Select(v => v.Name));
        foreach (var v in values)
        {
            var r = key.GetValue(v.Name)!;
            Assert.Equal(v.Kind, r.Kind);
            Assert.True(v.Span.SequenceEqual(r.Span), v.Name);
        }
    }

    [Fact]
    public void Version_1_3_refuses_big_data_and_keeps_its_list_kinds()
    {
        var editor = HiveEditor.CreateEmpty(minorVersion: 3);
        editor.CreateKey("K");
        var e = Assert.Throws<NotSupportedException>(() => editor.SetValue("K", new RegistryValue("big", RegistryValueKind.Binary, new byte[16345])));
        Assert.Contains("1.3", e.Message, StringComparison.Ordinal);
        for (int i = 0; i < 600; i++)
        {
            editor.CreateKey($"K\\sub{i:0000}");
        }
        Assert.Empty(HiveVerifier.Verify(editor.ToArray()));
        using var hive = HiveFile.Load(editor.ToArray());
        Assert.Equal(600, hive.Root.Open("K")!.EnumerateSubkeys().Count());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Large_subkey_lists_split_under_an_index_root_and_stay_searchable()
    {
        var editor = HiveEditor.CreateEmpty();
        var rng = new Random(1);
        var names = Enumerable.Range(0, 5000).Select(i => $"k{i}").OrderBy(_ => rng.Next()).ToList();
        foreach (string n in names)
        {
            editor.CreateKey("Big\\" + n);
        }
        byte[] bytes = editor.ToArray();
        Assert.Empty(HiveVerifier.Verify(bytes));
        using var hive = HiveFile.Load(bytes);
        var big = (HiveKey)hive.Root.Open("Big")!;
        Assert.Equal(5000, big.Subkeys().Count());
        Assert.All(names.Take(200), n => Assert.NotNull(big.FindSubkey(n.ToUpperInvariant())));
        Assert.Empty(hive.Diagnostics);
    }

    [Fact]
    public void Deleting_a_tree_frees_everything_and_the_space_is_reused()
    {
        var editor = HiveEditor.CreateEmpty();
        for (int i = 0; i < 50; i++)
        {
            editor.CreateKey($@"T\k{i}\deeper");
            editor.SetValue($@"T\k{i}", new RegistryValue("v", RegistryValueKind.Binary, new byte[500]));
        }
        editor.SetClassName(@"T\k1", "a class");
        int size = editor.DataSize;
        Assert.True(editor.DeleteKey("T"));
        Assert.False(editor.KeyExists(@"T\k1"));
        Assert.Empty(HiveVerifier.Verify(editor.ToArray()));
        for (int i = 0; i < 50; i++)
        {
            editor.CreateKey($@"U\k{i}\deeper");
            editor.SetValue($@"U\k{i}", new RegistryValue("v", RegistryValueKind.Binary, new byte[500]));
        }
        Assert.Equal(size, editor.DataSize);
        Assert.Empty(HiveVerifier.Verify(editor.ToArray()));
    }

    [Fact]
    public void Rewriting_a_value_a_thousand_times_does_not_grow_the_hive()
    {
        var editor = HiveEditor.CreateEmpty();
        editor.CreateKey("K");
        editor.SetValue("K", new RegistryValue("v", RegistryValueKind.Binary, new byte[3000]));
        int before = editor.DataSize;
        for (int i = 0; i < 1000; i++)
        {
            editor.SetValue("K", new RegistryValue("v", RegistryValueKind.Binary, Bytes(2000 + (i % 7 * 300), i)));
        }
        Assert.InRange(editor.DataSize, before, before + 8192);
        Assert.Empty(HiveVerifier.Verify(editor.ToArray()));
    }

    [Fact]
    public void New_keys_share_their_parents_security_cell_and_deletion_keeps_counts_exact()
    {
        var editor = HiveEditor.CreateEmpty();
        editor.CreateKey(@"A\B");
        editor.CreateKey(@"A\C");
        using (var hive = HiveFile.Load(editor.ToArray()))
        {
            Assert.True(hive.Root.SecurityDescriptor!.Value.Span.SequenceEqual(hive.Root.Open(@"A\C")!.SecurityDescriptor!.Value.Span));
        }
        editor.DeleteKey(@"A\B");
        Assert.Empty(HiveVerifier.Verify(editor.ToArray()));
    }

    [Fact]
    public void Names_are_compressed_when_Latin_1_and_UTF16_otherwise()
    {
        var editor = HiveEditor.CreateEmpty();
        editor.CreateKey("ëigenaardig");
        editor.CreateKey("Ключ");
        editor.CreateKey("ß2");
        editor.CreateKey("SS3");
        editor.CreateKey("ss1");
        using var hive = HiveFile.Load(editor.ToArray());
        Assert.Equal(["ss1", "SS3", "ëigenaardig", "ß2", "Ключ"], hive.Root.EnumerateSubkeys().Select(k => k.Name));
        Assert.Equal(0x20, ((HiveKey)hive.Root.Open("ß2")!).Flags & 0x20);
        Assert.Equal(0, ((HiveKey)hive.Root.Open("ключ")!).Flags & 0x20);
    }

    [Fact]
    public void Invalid_key_names_are_refused()
    {
        var editor = HiveEditor.CreateEmpty();
        Assert.Throws<ArgumentException>(() => editor.CreateKey(new string('x', 256)));
        Assert.Throws<ArgumentException>(() => editor.DeleteKey(string.Empty));
        Assert.Throws<KeyNotFoundException>(() => editor.SetValue("missing", RegistryValue.FromDWord("x", 1)));
    }

    [TestDataFact]
    public void Edits_leave_untouched_keys_byte_for_byte()
    {
        string path = TestData.CopyToTemp(TestData.Real("regipy", "SAM"));
        byte[] before = File.ReadAllBytes(path);
        var editor = HiveEditor.Open(path);
        editor.SetValue(@"SAM\Domains", RegistryValue.FromDWord("rdscal", 1));
        byte[] after = editor.ToArray();
        Assert.Empty(HiveVerifier.Verify(after));
        using var a = HiveFile.Load(before);
        using var b = HiveFile.Load(after);
        var untouched = (HiveKey)a.Root.Open(@"SAM\Domains\Account\Users")!;
        var same = (HiveKey)b.Root.Open(@"SAM\Domains\Account\Users")!;
        Assert.Equal(untouched.CellOffset, same.CellOffset);
        int start = 4096 + (int)untouched.CellOffset;
        Assert.True(before.AsSpan(start, 80).SequenceEqual(after.AsSpan(start, 80)));
    }

    private static byte[] Bytes(int n, int seed)
    {
        var b = new byte[n];
        new Random(seed).NextBytes(b);
        return b;
    }
}

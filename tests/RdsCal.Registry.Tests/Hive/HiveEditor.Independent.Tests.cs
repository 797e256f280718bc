using System.Text;
using RdsCal.Registry.Hive;
using RdsCal.Registry.Memory;
using RdsCal.Registry.RegText;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests.Hive;

/// <summary>
/// After each kind of edit on copies of real hives (v1.3 and v1.5), hivex, reglookup and regfexport read the
/// result without error, and hivex's export equals the original's plus exactly the change.
/// </summary>
[Trait("Category", "Slow")]
public class HiveEditorIndependentTests
{
    public static TheoryData<string, string> Edits
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string hive in new[] { "yarp/ManySubkeysHive", "regipy/NTUSER.DAT", "yarp/BigDataHive", "regipy/SYSTEM.gz" })
            {
                foreach (string edit in new[] { "add-key", "add-values", "replace-value", "delete-value", "delete-tree", "class-name", "big-value" })
                {
                    // ManySubkeysHive holds no values: it serves the key edits (its 5,000 subkeys sit under an ri).
                    // The 12 MB SYSTEM hive is slow to export with hivex: it serves the three heaviest edits.
                    bool keep = hive switch
                    {
                        "yarp/ManySubkeysHive" => edit is "add-key" or "delete-tree" or "add-values",
                        "regipy/SYSTEM.gz" => edit is "add-values" or "delete-tree" or "big-value",
                        _ => true,
                    };
                    if (keep)
                    {
                        data.Add(hive, edit);
                    }
                }
            }
            return data;
        }
    }

    [ToolTheory("hivexregedit", "reglookup", "regfexport")]
    [MemberData(nameof(Edits))]
    public void Independent_readers_see_the_original_plus_exactly_the_change(string hiveName, string edit)
    {
        string path = TestData.CopyToTemp(TestData.Real(hiveName.Split('/')));
        var before = Hivex.Export(path);
        MemoryKey expected = MemoryKey.CopyOf(before);
        var editor = HiveEditor.Open(path);
        string anyKey = FirstKeyWithValues(before) ?? before.EnumerateSubkeys().First().Name;
        string anyParentOfTree = FirstKeyWithSubkeys(before);
        switch (edit)
        {
            case "add-key":
                editor.CreateKey(@"rdscal\new key\Ключ ß");
                expected.CreateSubkeyPath(@"rdscal\new key\Ключ ß");
                break;
            case "add-values":
                foreach (var v in SampleValues(editor.Minor))
                {
                    editor.SetValue(anyKey, v);
                    expected.CreateSubkeyPath(anyKey).SetValue(v);
                }
                break;
            case "replace-value":
                var first = before.Open(anyKey)!.EnumerateValues().First();
                var replacement = new RegistryValue(first.Name, RegistryValueKind.Binary, Encoding.ASCII.GetBytes("replaced by rdscal"));
                editor.SetValue(anyKey, replacement);
                expected.CreateSubkeyPath(anyKey).SetValue(replacement);
                break;
            case "delete-value":
                string victim = before.Open(anyKey)!.EnumerateValues().First().Name;
                Assert.True(editor.DeleteValue(anyKey, victim));
                expected.CreateSubkeyPath(anyKey).DeleteValue(victim);
                break;
            case "delete-tree":
                var parts = RegistryPath.Split(anyParentOfTree);
                Assert.True(editor.DeleteKey(anyParentOfTree));
                ((MemoryKey)expected.Open(string.Join('\\', parts[..^1]))!).DeleteSubkey(parts[^1]);
                break;
            case "class-name":
                editor.SetClassName(anyKey, "rdscal class");
                break;
            case "big-value":
                if (editor.Minor < 4)
                {
                    Assert.Throws<NotSupportedException>(() => editor.SetValue(anyKey, new RegistryValue("big", RegistryValueKind.Binary, new byte[40000])));
                    break;
                }
                var big = new RegistryValue("big", RegistryValueKind.Binary, Enumerable.Range(0, 40000).Select(i => (byte)i).ToArray());
                editor.SetValue(anyKey, big);
                expected.CreateSubkeyPath(anyKey).SetValue(big);
                break;
        }
        editor.Save();
        Assert.Empty(HiveVerifier.Verify(File.ReadAllBytes(path)));
        var after = Hivex.Export(path);
        var a = TreeFacts.Flatten(after);
        var e = TreeFacts.Flatten(expected);
        Assert.Empty(a.Keys.Except(e.Keys));
        Assert.Empty(e.Keys.Except(a.Keys));
        Assert.Empty(a.Values.Except(e.Values));
        Assert.Empty(e.Values.Except(a.Values));

        var (rlExit, rlOut, rlErr) = ExternalTool.Run("reglookup", "-H", path);
        Assert.True(rlExit == 0, rlErr);
        var rlLines = rlOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(e.Keys.Count, rlLines.Count(l => l.Split(',')[1] == "KEY"));
        Assert.Equal(e.Values.Count, rlLines.Count(l => l.Split(',')[1] != "KEY"));
        // reglookup warns when it cannot print a name or string in ASCII (our Cyrillic names, random bytes
        // under REG_SZ); those are about content. Any other warning or error is about structure and fails.
        var structural = rlErr.Split('\n').Where(l => l.Length > 0
            && !l.Contains("While quoting value", StringComparison.Ordinal)
            && !l.Contains("converting key name", StringComparison.Ordinal)
            && !l.Contains("converting value name", StringComparison.Ordinal));
        Assert.Empty(structural);
        var (rfExit, rfOut, rfErr) = ExternalTool.Run("regfexport", path);
        Assert.True(rfExit == 0 && !rfOut.Contains("Unable to", StringComparison.Ordinal), rfErr + rfOut[..Math.Min(300, rfOut.Length)]);
        if (edit == "class-name")
        {
            using var h = HiveFile.Open(path);
            Assert.Equal("rdscal class", h.Root.Open(anyKey)!.ClassName);
        }
    }

    private static IEnumerable<RegistryValue> SampleValues(uint minor)
    {
        yield return new RegistryValue("rdscal empty", RegistryValueKind.None, []);
        yield return RegistryValue.FromDWord("rdscal dword", 42);
        yield return RegistryValue.FromString("rdscal sz", "Привет, ß and ë");
        yield return RegistryValue.FromMultiString("rdscal multi", ["lic01.example.com", "lic02.example.com"]);
        yield return new RegistryValue("rdscal 3 bytes", RegistryValueKind.Binary, [1, 2, 3]);
        yield return new RegistryValue("rdscal 16344", RegistryValueKind.Binary, new byte[16344]);
        if (minor >= 4)
        {
            yield return new RegistryValue("rdscal 16345", RegistryValueKind.Binary, new byte[16345]);
        }
    }

    private static string? FirstKeyWithValues(RegistryKey root)
    {
        var queue = new Queue<(RegistryKey, string)>([(root, string.Empty)]);
        while (queue.Count > 0)
        {
            var (k, p) = queue.Dequeue();
            if (p.Length > 0 && k.ValueCount > 0)
            {
                return p;
            }
            foreach (var s in k.EnumerateSubkeys())
            {
                queue.Enqueue((s, RegistryPath.Combine(p, s.Name)));
            }
        }
        return null;
    }

    private static string FirstKeyWithSubkeys(RegistryKey root)
    {
        foreach (var top in root.EnumerateSubkeys())
        {
            foreach (var second in top.EnumerateSubkeys())
            {
                if (second.SubkeyCount > 0)
                {
                    return RegistryPath.Combine(top.Name, second.Name);
                }
            }
        }
        return root.EnumerateSubkeys().First().Name;
    }
}

using RdsCal.Registry.Hive;
using RdsCal.Registry.Memory;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests.Hive;

/// <summary>
/// Random sequences of edits applied both to a hive and to an in-memory model; after each save the hive,
/// read back, equals the model, verifies clean, and (where installed) hivex reads it to the same tree.
/// </summary>
[Trait("Category", "Slow")]
public class HiveEditorPropertyTests
{
    private static readonly string[] NameParts = ["a", "B", "ß", "ss", "SS", "ë", "Ключ", "ключ2", "x_y", "Z[", "long name with spaces", "ñ", "Ω"];

    [Theory]
    [InlineData(1, 5u)]
    [InlineData(2, 5u)]
    [InlineData(3, 3u)]
    public void Random_edits_keep_the_hive_equal_to_the_model(int seed, uint minor)
    {
        var rng = new Random(seed);
        var editor = HiveEditor.CreateEmpty(minor);
        var model = new MemoryKey();
        var keys = new List<string> { string.Empty };
        string file = Path.Combine(Directory.CreateTempSubdirectory("rdscal-prop-").FullName, "H");
        for (int round = 0; round < 6; round++)
        {
            for (int op = 0; op < 700; op++)
            {
                string key = keys[rng.Next(keys.Count)];
                switch (rng.Next(10))
                {
                    case < 3:
                        string child = RegistryPath.Combine(key, RandomName(rng));
                        if (RegistryPath.Split(child).Length > 12)
                        {
                            break;
                        }
                        editor.CreateKey(child);
                        model.CreateSubkeyPath(child);
                        if (!keys.Contains(child, RegistryName.Comparer))
                        {
                            keys.Add(child);
                        }
                        break;
                    case < 7:
                        var value = RandomValue(rng, minor);
                        editor.SetValue(key, value);
                        ((MemoryKey)model.Open(key)!).SetValue(value);
                        break;
                    case < 9:
                        var existing = ((MemoryKey)model.Open(key)!).Values;
                        if (existing.Count > 0)
                        {
                            string name = existing[rng.Next(existing.Count)].Name;
                            Assert.True(editor.DeleteValue(key, name));
                            ((MemoryKey)model.Open(key)!).DeleteValue(name);
                        }
                        break;
                    default:
                        if (key.Length > 0 && rng.Next(4) == 0)
                        {
                            Assert.True(editor.DeleteKey(key));
                            var parts = RegistryPath.Split(key);
                            ((MemoryKey)model.Open(string.Join('\\', parts[..^1]))!).DeleteSubkey(parts[^1]);
                            keys.RemoveAll(k => k.Equals(key, StringComparison.OrdinalIgnoreCase) || k.StartsWith(key + "\\", StringComparison.OrdinalIgnoreCase) || !KeyExists(model, k));
                        }
                        break;
                }
            }
            editor.Save(file, new HiveSaveOptions { Backup = false });
            byte[] bytes = File.ReadAllBytes(file);
            Assert.Empty(HiveVerifier.Verify(bytes));
            using var hive = HiveFile.Load(bytes);
            var h = TreeFacts.Flatten(hive.Root);
            var m = TreeFacts.Flatten(model);
            Assert.True(h.Keys.SetEquals(m.Keys), $"round {round}: keys differ");
            Assert.True(h.Values.SetEquals(m.Values), $"round {round}: values differ");
            Assert.Empty(hive.Diagnostics);
            if (ExternalTool.Exists("hivexregedit"))
            {
                var x = TreeFacts.Flatten(Hivex.Export(file));
                Assert.True(x.Keys.SetEquals(m.Keys), "hivex sees other keys");
                Assert.True(x.Values.SetEquals(m.Values), "hivex sees other values");
            }
            editor = HiveEditor.Open(file);
        }
    }

    private static bool KeyExists(MemoryKey model, string path) => path.Length == 0 || model.Open(path) is not null;

    private static string RandomName(Random rng) => NameParts[rng.Next(NameParts.Length)] + (rng.Next(3) == 0 ? rng.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);

    private static RegistryValue RandomValue(Random rng, uint minor)
    {
        string name = rng.Next(8) == 0 ? string.Empty : RandomName(rng);
        int size = rng.Next(20) switch
        {
            < 6 => rng.Next(0, 5),
            < 14 => rng.Next(5, 300),
            < 18 => rng.Next(300, 16344),
            _ => minor >= 4 ? rng.Next(16344, rng.Next(10) == 0 ? 1 << 20 : 60000) : rng.Next(300, 16344),
        };
        var data = new byte[size];
        rng.NextBytes(data);
        var kinds = new[] { RegistryValueKind.Binary, RegistryValueKind.String, RegistryValueKind.DWord, RegistryValueKind.MultiString, RegistryValueKind.None, (RegistryValueKind)0x4242 };
        return new RegistryValue(name, kinds[rng.Next(kinds.Length)], data);
    }
}

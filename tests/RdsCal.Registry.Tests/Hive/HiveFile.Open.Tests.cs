using System.Buffers.Binary;
using RdsCal.Registry.Hive;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests.Hive;

public class HiveFileOpenTests
{
    private static byte[] Minimal() => TestData.Bytes(TestData.Real("hivex", "minimal"));

    private static void FixChecksum(byte[] b) =>
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(508), BaseBlock.ComputeChecksum(b));

    [TestDataFact]
    public void Opens_every_clean_yarp_and_regipy_hive_and_walks_it_without_error()
    {
        string[] clean =
        [
            "yarp/BigDataHive", "yarp/BogusKeyNamesHive", "yarp/CompHive", "yarp/DeletedDataHive", "yarp/DeletedTreeHive",
            "yarp/EmptyHive", "yarp/ExtendedASCIIHive", "yarp/HealedHive", "yarp/ManySubkeysHive", "yarp/MultiSzHive",
            "yarp/NewFlagsHive", "yarp/OffHive", "yarp/RemnantsHive", "yarp/SlackHive", "yarp/StringValuesHive",
            "yarp/System_Delta", "yarp/TwoOwnersHive", "yarp/UnicodeHive", "yarp/UpcaseHive", "yarp/ValuesOrderHive",
            "regipy/BCD", "regipy/SAM", "regipy/NTUSER.DAT", "regipy/NTUSER-WSL.DAT", "hivex/minimal", "hivex/special",
        ];
        foreach (string name in clean)
        {
            using var hive = HiveFile.Open(TestData.Real(name.Split('/')));
            var (keys, values) = TreeFacts.Flatten(hive.Root);
            Assert.NotEmpty(keys);
            Assert.Empty(hive.Diagnostics);
            Assert.False(hive.WasDirty, name);
        }
    }

    [TestDataFact]
    public void Reads_compressed_and_utf16_names_and_looks_them_up_case_insensitively()
    {
        using var unicode = HiveFile.Open(TestData.Real("yarp", "UnicodeHive"));
        Assert.NotNull(unicode.Root.Open("привет\\КЛЮЧ"));
        using var ascii = HiveFile.Open(TestData.Real("yarp", "ExtendedASCIIHive"));
        var key = ascii.Root.Open("ëigenaardig");
        Assert.NotNull(key);
        Assert.Equal("ëigenaardig", key!.GetValue("ËIGENAARDIG")!.AsString());
    }

    [TestDataFact]
    public void Finds_a_key_among_5000_subkeys_under_an_index_root()
    {
        using var hive = HiveFile.Open(TestData.Real("yarp", "ManySubkeysHive"));
        var many = hive.Root.Open("key_with_many_subkeys");
        Assert.Equal(5000, many!.EnumerateSubkeys().Count());
        Assert.NotNull(hive.Root.Open("key_with_many_subkeys\\2119\\find_me"));
        Assert.Null(hive.Root.Open("key_with_many_subkeys\\99999"));
        for (int i = 1; i <= 5000; i += 97)
        {
            Assert.NotNull(many.OpenSubkey(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [TestDataFact]
    public void Reads_big_data_values_through_db_segments()
    {
        using var hive = HiveFile.Open(TestData.Real("yarp", "BigDataHive"));
        var key = hive.Root.Open("key_with_bigdata")!;
        var def = key.GetValue(string.Empty)!;
        Assert.Equal(16345, def.Data.Length);
        var v = key.GetValue("V")!;
        Assert.Equal(81725, v.Data.Length);
        Assert.All(v.Span.ToArray(), b => Assert.True(b == (byte)'2' || b == 0));
    }

    [TestDataFact]
    public void Keeps_value_order_and_odd_strings_exactly()
    {
        using var order = HiveFile.Open(TestData.Real("yarp", "ValuesOrderHive"));
        Assert.Equal(["aaa", "zzz", "bbb"], order.Root.EnumerateValues().Select(v => v.Name));
        using var multi = HiveFile.Open(TestData.Real("yarp", "MultiSzHive"));
        var k = multi.Root.Open("key")!;
        Assert.Empty(k.GetValue("1")!.AsMultiString());
        Assert.Equal(["привет", "как дела?"], k.GetValue("2")!.AsMultiString());
    }

    [TestDataFact]
    public void Sorts_subkeys_by_per_unit_upcase_like_Windows()
    {
        using var hive = HiveFile.Open(TestData.Real("yarp", "UpcaseHive"));
        Assert.Equal(["ss1", "SS3", "ß2"], hive.Root.EnumerateSubkeys().Select(k => k.Name));
        Assert.Empty(hive.Diagnostics);
    }

    [TestDataFact]
    public void Exposes_security_descriptors_class_names_and_layered_key_flags()
    {
        using var owners = HiveFile.Open(TestData.Real("yarp", "UnicodeHive"));
        Assert.Equal(144, owners.Root.SecurityDescriptor!.Value.Length);
        using var delta = HiveFile.Open(TestData.Real("yarp", "System_Delta"));
        Assert.True(delta.Header.SupportsLayeredKeys);
        Assert.Equal("1.6", delta.Version);
        var all = new List<HiveKey>();
        var stack = new Stack<HiveKey>([delta.Root]);
        while (stack.Count > 0)
        {
            var k = stack.Pop();
            all.Add(k);
            foreach (var s in k.Subkeys())
            {
                stack.Push(s);
            }
        }
        Assert.Contains(all, k => k.LayerSemantics != 0);
        // Tombstone values (type NONE, no data) mark deletions of the lower layer.
        Assert.Contains(all, k => k.EnumerateValues().Any(v => k.IsTombstoneValue(v.Name)));
        Assert.DoesNotContain(all, k => k.LayerSemantics > 3);
        using var plain = HiveFile.Open(TestData.Real("yarp", "UnicodeHive"));
        Assert.Equal(0, plain.Root.LayerSemantics);
        Assert.False(plain.Root.InheritsClass);
    }

    [TestDataFact]
    public void Reports_out_of_order_and_duplicate_subkeys_as_diagnostics()
    {
        using var wrong = HiveFile.Open(TestData.Real("yarp", "WrongOrderHive"));
        TreeFacts.Flatten(wrong.Root);
        Assert.Contains(wrong.Diagnostics, d => d.Code == HiveDiagnosticCode.SubkeysOutOfOrder);
        using var dup = HiveFile.Open(TestData.Real("yarp", "DuplicateSubkeysHive"));
        TreeFacts.Flatten(dup.Root);
        Assert.Contains(dup.Diagnostics, d => d.Code == HiveDiagnosticCode.SubkeySkipped);
    }

    [TestDataFact]
    public void Truncated_hive_fails_with_the_offset_where_data_ends()
    {
        var e = Assert.Throws<HiveFormatException>(() => HiveFile.Open(TestData.Real("yarp", "TruncatedHive")));
        Assert.Equal(HiveError.Truncated, e.Error);
        Assert.Equal(12288, e.FileOffset);
        Assert.EndsWith("TruncatedHive", e.FilePath, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void Broken_bin_chain_fails_naming_the_bin()
    {
        var e = Assert.Throws<HiveFormatException>(() => HiveFile.Load(TestData.Bytes(TestData.Real("regipy", "corrupted_system_hive.gz"))));
        Assert.Equal(HiveError.BadBin, e.Error);
        Assert.True(e.FileOffset > 4096);
    }

    [TestDataFact]
    public void A_log_opened_as_a_hive_is_named_as_a_log()
    {
        var e = Assert.Throws<HiveFormatException>(() => HiveFile.Open(TestData.Real("yarp", "OldLogWithRemnantData")));
        Assert.Equal(HiveError.IsTransactionLog, e.Error);
    }

    [TestDataFact]
    public void Rejects_a_wrong_signature()
    {
        var b = Minimal();
        b[0] = (byte)'X';
        var e = Assert.Throws<HiveFormatException>(() => HiveFile.Load(b));
        Assert.Equal(HiveError.BadSignature, e.Error);
        Assert.Equal(0, e.FileOffset);
    }

    [TestDataFact]
    public void Rejects_an_unsupported_version()
    {
        var b = Minimal();
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(24), 2);
        FixChecksum(b);
        Assert.Equal(HiveError.UnsupportedVersion, Assert.Throws<HiveFormatException>(() => HiveFile.Load(b)).Error);
    }

    [TestDataFact]
    public void Rejects_a_bin_whose_size_is_not_a_multiple_of_4096()
    {
        var b = Minimal();
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4096 + 8), 4000);
        var e = Assert.Throws<HiveFormatException>(() => HiveFile.Load(b));
        Assert.Equal(HiveError.BadBin, e.Error);
        Assert.Equal(4096 + 8, e.FileOffset);
    }

    [TestDataFact]
    public void Rejects_a_bin_that_lies_about_its_offset()
    {
        var b = Minimal();
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4096 + 4), 0x1000);
        Assert.Equal(HiveError.BadBin, Assert.Throws<HiveFormatException>(() => HiveFile.Load(b)).Error);
    }

    [TestDataFact]
    public void Rejects_a_root_offset_outside_the_data()
    {
        var b = Minimal();
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(36), 0x7FFF0);
        FixChecksum(b);
        Assert.Equal(HiveError.BadCellOffset, Assert.Throws<HiveFormatException>(() => HiveFile.Load(b)).Error);
    }

    [TestDataFact]
    public void Rejects_a_root_cell_of_size_zero_or_crossing_its_bin()
    {
        var b = Minimal();
        uint root = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4096 + (int)root), 0);
        var e = Assert.Throws<HiveFormatException>(() => HiveFile.Load(b));
        Assert.Equal(HiveError.BadCellSize, e.Error);
        Assert.Equal(4096 + root, e.FileOffset);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4096 + (int)root), -0x2000);
        Assert.Equal(HiveError.BadCellSize, Assert.Throws<HiveFormatException>(() => HiveFile.Load(b)).Error);
    }

    [Fact]
    public void Rejects_bytes_that_are_too_short_or_random()
    {
        Assert.Equal(HiveError.BadSignature, Assert.Throws<HiveFormatException>(() => HiveFile.Load([])).Error);
        Assert.Equal(HiveError.FileTooShort, Assert.Throws<HiveFormatException>(() => HiveFile.Load("regf"u8.ToArray())).Error);
        var random = new byte[16384];
        new Random(7).NextBytes(random);
        Assert.Throws<HiveFormatException>(() => HiveFile.Load(random));
    }

    [TestDataFact]
    public void A_self_listing_key_is_stopped_not_followed_forever()
    {
        // Point the root's subkey list at a hand-made lf whose only entry is the root itself.
        var b = Minimal();
        uint root = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(36));
        int free = FindFreeCell(b);
        var cell = b.AsSpan(4096 + free);
        BinaryPrimitives.WriteInt32LittleEndian(cell, -16);
        "lf"u8.CopyTo(cell[4..]);
        BinaryPrimitives.WriteUInt16LittleEndian(cell[6..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(cell[8..], root);
        var nk = b.AsSpan(4096 + (int)root + 4);
        BinaryPrimitives.WriteUInt32LittleEndian(nk[20..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(nk[28..], (uint)free);
        BinaryPrimitives.WriteUInt32LittleEndian(nk[16..], root);
        using var hive = HiveFile.Load(b);
        var (keys, _) = Bounded.Run("minimal hive whose root lists itself", TimeSpan.FromSeconds(30), () => TreeFacts.Flatten(hive.Root));
        Assert.Equal([string.Empty], keys);
        var skipped = Assert.Single(hive.Diagnostics);
        Assert.Equal(HiveDiagnosticCode.SubkeySkipped, skipped.Code);
        Assert.StartsWith($"key node 0x{root:X} listed under '' was skipped: it is that key or one above it", skipped.Message, StringComparison.Ordinal);
    }

    private static int FindFreeCell(byte[] b)
    {
        int pos = 32;
        while (pos < 4096)
        {
            int size = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(4096 + pos));
            if (size >= 16)
            {
                return pos;
            }
            pos += Math.Abs(size);
        }
        throw new InvalidOperationException("no free cell");
    }
}

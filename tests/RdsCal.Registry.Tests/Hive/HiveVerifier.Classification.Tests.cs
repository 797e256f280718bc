using System.Buffers.Binary;
using RdsCal.Registry.Hive;

namespace RdsCal.Registry.Tests.Hive;

/// <summary>What Windows would refuse or what loses data is an error; what Windows itself leaves in hives it wrote is a note.</summary>
public class HiveVerifierClassificationTests
{
    private static byte[] NewHive()
    {
        var editor = HiveEditor.CreateEmpty();
        editor.CreateKey(@"A\B");
        editor.SetValue(@"A\B", RegistryValue.FromDWord("v", 1));
        return editor.ToArray();
    }

    /// <summary>File offset of the first allocated sk cell's data.</summary>
    private static int FirstSecurityCell(byte[] hive)
    {
        int pos = BaseBlock.Size + 32;
        while (pos < hive.Length)
        {
            int size = BinaryPrimitives.ReadInt32LittleEndian(hive.AsSpan(pos));
            if (size < 0 && hive[pos + 4] == (byte)'s' && hive[pos + 5] == (byte)'k')
            {
                return pos + 4;
            }
            pos += Math.Abs(size);
        }
        throw new InvalidOperationException("no sk cell");
    }

    private static void FixChecksum(byte[] hive)
    {
        uint sum = 0;
        for (int i = 0; i < 508; i += 4)
        {
            sum ^= BinaryPrimitives.ReadUInt32LittleEndian(hive.AsSpan(i));
        }
        BinaryPrimitives.WriteUInt32LittleEndian(hive.AsSpan(508), sum);
    }

    /// <summary>File offset of the data of the first allocated nk cell that holds values.</summary>
    private static int FirstKeyWithValues(byte[] hive)
    {
        for (int pos = BaseBlock.Size + 32; pos < hive.Length;)
        {
            int size = BinaryPrimitives.ReadInt32LittleEndian(hive.AsSpan(pos));
            if (size < 0 && hive[pos + 4] == (byte)'n' && hive[pos + 5] == (byte)'k' && BinaryPrimitives.ReadUInt32LittleEndian(hive.AsSpan(pos + 4 + 36)) > 0)
            {
                return pos + 4;
            }
            pos += size == 0 ? 8 : Math.Abs(size);
        }
        throw new InvalidOperationException("no nk cell with values");
    }

    [Fact]
    public void A_key_that_claims_values_with_no_value_list_is_an_error()
    {
        // hivex refuses this; the subkey case (a count with no list) was caught, this one passed as clean.
        byte[] hive = NewHive();
        int nk = FirstKeyWithValues(hive);
        BinaryPrimitives.WriteUInt32LittleEndian(hive.AsSpan(nk + 36), 5);
        BinaryPrimitives.WriteUInt32LittleEndian(hive.AsSpan(nk + 40), 0xFFFFFFFF);
        var result = HiveVerifier.Check(hive);
        Assert.Contains(result.Errors, e => e.EndsWith("says 5 values but has no value list (offset 0xFFFFFFFF)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_nested_deeper_than_Windows_allows_is_one_error()
    {
        var editor = HiveEditor.CreateEmpty();
        editor.CreateKey(string.Join('\\', Enumerable.Repeat("k", 520)));
        var result = HiveVerifier.Check(editor.ToArray());
        string error = Assert.Single(result.Errors);
        Assert.EndsWith("nested 513 levels below the root; Windows allows at most 512 (RegCreateKeyEx refuses deeper keys, and rdscal's .reg writer refuses to write them)", error, StringComparison.Ordinal);
        var fine = HiveEditor.CreateEmpty();
        fine.CreateKey(string.Join('\\', Enumerable.Repeat("k", 512)));
        Assert.Empty(HiveVerifier.Check(fine.ToArray()).Errors);
    }

    [Fact]
    public void A_clean_hive_has_neither_errors_nor_notes()
    {
        var result = HiveVerifier.Check(NewHive());
        Assert.Empty(result.Errors);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void An_over_counted_security_cell_is_a_note_and_an_under_counted_one_an_error()
    {
        byte[] hive = NewHive();
        int sk = FirstSecurityCell(hive);
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(hive.AsSpan(sk + 12));
        BinaryPrimitives.WriteUInt32LittleEndian(hive.AsSpan(sk + 12), count + 3);
        var over = HiveVerifier.Check(hive);
        Assert.Empty(over.Errors);
        Assert.Contains(over.Notes, n => n.Contains("over-counted", StringComparison.Ordinal));
        BinaryPrimitives.WriteUInt32LittleEndian(hive.AsSpan(sk + 12), count - 1);
        var under = HiveVerifier.Check(hive);
        Assert.Contains(under.Errors, e => e.Contains("could be freed while in use", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dirty_base_block_is_a_note()
    {
        byte[] hive = NewHive();
        BinaryPrimitives.WriteUInt32LittleEndian(hive.AsSpan(4), BinaryPrimitives.ReadUInt32LittleEndian(hive.AsSpan(4)) + 1);
        FixChecksum(hive);
        var result = HiveVerifier.Check(hive);
        Assert.Empty(result.Errors);
        Assert.Contains(result.Notes, n => n.StartsWith("base block: dirty", StringComparison.Ordinal));
    }

    [Fact]
    public void Data_after_the_last_bin_is_a_note_and_zero_padding_is_nothing()
    {
        byte[] hive = NewHive();
        byte[] padded = [.. hive, .. new byte[8192]];
        Assert.Empty(HiveVerifier.Check(padded).Notes);
        padded[^100] = 0x6E;
        var result = HiveVerifier.Check(padded);
        Assert.Empty(result.Errors);
        Assert.Contains(result.Notes, n => n.Contains("8,192 bytes follow the last bin and hold data", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_checksum_stays_an_error()
    {
        byte[] hive = NewHive();
        hive[508] ^= 0xFF;
        Assert.Contains("base block: checksum is wrong", HiveVerifier.Check(hive).Errors);
    }
}

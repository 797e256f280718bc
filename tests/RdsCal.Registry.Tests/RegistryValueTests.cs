using RdsCal.Registry;

namespace RdsCal.Registry.Tests;

public class RegistryValueTests
{
    [Fact]
    public void String_without_terminator_and_with_odd_length_decodes_without_changing_bytes()
    {
        var v = new RegistryValue("x", RegistryValueKind.String, [0x41, 0x00, 0x42]);
        Assert.Equal("A", v.AsString());
        Assert.Equal(3, v.Data.Length);
    }

    [Fact]
    public void Multi_string_stops_at_the_empty_terminator_and_tolerates_its_absence()
    {
        Assert.Equal(["a", "bc"], RegistryValue.FromMultiString("m", ["a", "bc"]).AsMultiString());
        var unterminated = new RegistryValue("m", RegistryValueKind.MultiString, System.Text.Encoding.Unicode.GetBytes("a\0b"));
        Assert.Equal(["a", "b"], unterminated.AsMultiString());
        Assert.Empty(new RegistryValue("m", RegistryValueKind.MultiString, []).AsMultiString());
    }

    [Fact]
    public void Dword_of_wrong_size_has_no_number_and_big_endian_is_read_big_endian()
    {
        Assert.Null(new RegistryValue("d", RegistryValueKind.DWord, [1, 2, 3]).AsDWord());
        Assert.Equal(0x01020304u, new RegistryValue("d", RegistryValueKind.DWordBigEndian, [1, 2, 3, 4]).AsDWord());
        Assert.Equal(0x04030201u, new RegistryValue("d", RegistryValueKind.DWord, [1, 2, 3, 4]).AsDWord());
    }

    [Fact]
    public void Unknown_kinds_keep_their_number()
    {
        var v = new RegistryValue("u", (RegistryValueKind)0x10000001, [9]);
        Assert.Equal(0x10000001u, (uint)v.Kind);
        Assert.Equal("0x10000001", v.Kind.ToWindowsName());
    }
}

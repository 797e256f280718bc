using System.Text;
using RdsCal.Registry.RegText;

namespace RdsCal.Registry.Tests.RegText;

public class RegTextReaderTests
{
    private static byte[] Utf16(string text) => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)];

    [Fact]
    public void Reads_every_data_form_of_a_v5_file_in_utf16_with_bom()
    {
        const string text = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Test]\r\n" +
            "@=\"default \\\"quoted\\\" \\\\ back\"\r\n" +
            "\"D\"=dword:0000002a\r\n" +
            "\"B\"=hex:01,02,ff\r\n" +
            "\"M\"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n" +
            "\"Q\"=hex(b):01,00,00,00,00,00,00,00\r\n" +
            "\"N\"=hex(0):\r\n" +
            "\"U\"=hex(10000001):aa\r\n" +
            "\"Wrapped\"=hex:01,02,\\\r\n  03,\\\r\n; a comment inside\r\n\r\n  04\r\n" +
            "\"Gone\"=-\r\n\r\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Old]\r\n";
        var doc = RegTextReader.Parse(Utf16(text));
        Assert.Equal(RegTextFormat.Regedit5, doc.Format);
        var key = doc.ToTree("HKEY_LOCAL_MACHINE\\SOFTWARE").Open("test")!;
        Assert.Equal("default \"quoted\" \\ back", key.GetValue(string.Empty)!.AsString());
        Assert.Equal(42u, key.GetValue("d")!.AsDWord());
        Assert.Equal([1, 2, 0xff], key.GetValue("B")!.Span.ToArray());
        Assert.Equal(["a", "b"], key.GetValue("M")!.AsMultiString());
        Assert.Equal(1ul, key.GetValue("Q")!.AsQWord());
        Assert.Equal(0, key.GetValue("N")!.Data.Length);
        Assert.Equal(0x10000001u, (uint)key.GetValue("U")!.Kind);
        Assert.Equal([1, 2, 3, 4], key.GetValue("Wrapped")!.Span.ToArray());
        Assert.Contains(doc.Entries, e => e.Kind == RegTextEntryKind.DeleteValue && e.ValueName == "Gone");
        Assert.Contains(doc.Entries, e => e.Kind == RegTextEntryKind.DeleteKey && e.KeyPath.EndsWith("Old", StringComparison.Ordinal));
    }

    [Fact]
    public void Regedit4_converts_ansi_expand_and_multi_strings_to_utf16()
    {
        byte[] ansi = Encoding.Latin1.GetBytes("REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n\"E\"=hex(2):25,41,25,00\r\n\"S\"=\"caf\xe9\"\r\n");
        var doc = RegTextReader.Parse(ansi);
        Assert.Equal(RegTextFormat.Regedit4, doc.Format);
        var key = doc.ToTree("HKEY_LOCAL_MACHINE").Open("X")!;
        Assert.Equal(Encoding.Unicode.GetBytes("%A%\0"), key.GetValue("E")!.Span.ToArray());
        Assert.Equal("café", key.GetValue("S")!.AsString());
    }

    [Fact]
    public void Utf8_without_bom_is_accepted()
    {
        var doc = RegTextReader.Parse(Encoding.UTF8.GetBytes("Windows Registry Editor Version 5.00\n[A\\Ключ]\n\"Имя\"=\"значение\"\n"));
        Assert.Equal("значение", doc.ToTree("A").Open("ключ")!.GetValue("ИМЯ")!.AsString());
    }

    [Fact]
    public void Later_deletions_remove_what_earlier_lines_created()
    {
        var doc = RegTextReader.Parse("Windows Registry Editor Version 5.00\n[R\\A\\B]\n\"v\"=dword:1\n[-R\\A]\n[R\\C]\n\"x\"=dword:2\n\"x\"=-\n");
        var root = doc.ToTree("R");
        Assert.Null(root.Open("A"));
        Assert.Equal(0, root.Open("C")!.ValueCount);
    }

    [Theory]
    [InlineData("REGEDIT5\n", 1, 1)]
    [InlineData("Windows Registry Editor Version 5.00\n\"v\"=dword:1\n", 2, 1)]
    [InlineData("Windows Registry Editor Version 5.00\n[K]\n\"v\"=dword:123456789\n", 3, 11)]
    [InlineData("Windows Registry Editor Version 5.00\n[K]\n\"v\"=hex:01,0g\n", 3, 12)]
    [InlineData("Windows Registry Editor Version 5.00\n[K]\n\"v\"=\"open\n", 3, 5)]
    [InlineData("Windows Registry Editor Version 5.00\n[K]\n\"v\" dword:1\n", 3, 5)]
    [InlineData("Windows Registry Editor Version 5.00\n[K\n", 2, 3)]
    [InlineData("Windows Registry Editor Version 5.00\n[K]\n\"v\"=string\n", 3, 5)]
    [InlineData("Windows Registry Editor Version 5.00\n[K]\n\"v\"=hex:01,\\\n", 3, 1)]
    [InlineData("Windows Registry Editor Version 5.00\n[K]\n\"v\"=dword:1 trailing\n", 3, 13)]
    public void Errors_name_line_and_column(string text, int line, int column)
    {
        var e = Assert.Throws<RegTextFormatException>(() => RegTextReader.Parse(text));
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains($"line {line}, column {column}", e.Message, StringComparison.Ordinal);
    }
}

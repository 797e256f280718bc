using System.Text;
using RdsCal.Registry.Hive;
using RdsCal.Registry.Memory;
using RdsCal.Registry.RegText;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests.RegText;

public class RegTextWriterTests
{
    private static string Write(RegistryKey key, string prefix = "HKEY_LOCAL_MACHINE\\T")
    {
        var sw = new StringWriter();
        RegTextWriter.Export(key, prefix, sw);
        return sw.ToString();
    }

    [Fact]
    public void Odd_values_round_trip_byte_for_byte()
    {
        var key = new MemoryKey();
        var k = key.CreateSubkey("K");
        RegistryValue[] values =
        [
            new("noterm", RegistryValueKind.String, Encoding.Unicode.GetBytes("abc")),
            new("odd", RegistryValueKind.String, [0x41, 0x00, 0x42]),
            new("embedded", RegistryValueKind.String, Encoding.Unicode.GetBytes("a\0b\0")),
            new("crlf", RegistryValueKind.String, Encoding.Unicode.GetBytes("a\r\nb\0")),
            new("lone surrogate", RegistryValueKind.String, [0x00, 0xD8, 0x00, 0x00]),
            new("short dword", RegistryValueKind.DWord, [1, 2]),
            new("empty", RegistryValueKind.None, []),
            new("unknown", (RegistryValueKind)0xFFFF0000, [1]),
            new("big", RegistryValueKind.Binary, Enumerable.Range(0, 300).Select(i => (byte)i).ToArray()),
            RegistryValue.FromString("quote\"and\\slash", "v\"\\"),
            RegistryValue.FromDWord(string.Empty, 7),
        ];
        foreach (var v in values)
        {
            k.SetValue(v);
        }
        string text = Write(key);
        var back = RegTextReader.Parse(text).ToTree("HKEY_LOCAL_MACHINE\\T").Open("K")!;
        foreach (var v in values)
        {
            var r = back.GetValue(v.Name);
            Assert.NotNull(r);
            Assert.Equal(v.Kind, r!.Kind);
            Assert.Equal(v.Span.ToArray(), r.Span.ToArray());
        }
        Assert.Equal(text, Write(RegTextReader.Parse(text).ToTree("HKEY_LOCAL_MACHINE\\T")));
    }

    [Fact]
    public void Writes_like_regedit_crlf_lowercase_dwords_and_80_column_hex()
    {
        var key = new MemoryKey();
        key.SetValue(RegistryValue.FromDWord("d", 0xABCDEF));
        key.SetValue(RegistryValue.FromBinary("b", new byte[100]));
        string text = Write(key);
        Assert.StartsWith("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\T]\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\"d\"=dword:00abcdef\r\n", text, StringComparison.Ordinal);
        Assert.All(text.Split("\r\n"), line => Assert.True(line.Length <= 80, line));
        Assert.EndsWith("\r\n\r\n", text, StringComparison.Ordinal);
    }

    [TestDataFact]
    public void Every_real_hive_exports_and_reads_back_identically()
    {
        foreach (string name in new[] { "yarp/StringValuesHive", "yarp/MultiSzHive", "yarp/BigDataHive", "yarp/UnicodeHive", "hivex/special", "regipy/SAM", "regipy/BCD", "regipy/NTUSER.DAT" })
        {
            using var hive = HiveFile.Open(TestData.Real(name.Split('/')));
            string text = Write(hive.Root, "HKEY_LOCAL_MACHINE\\X");
            var back = RegTextReader.Parse(Encoding.Unicode.GetBytes(text)).ToTree("HKEY_LOCAL_MACHINE\\X");
            var a = TreeFacts.Flatten(hive.Root);
            var b = TreeFacts.Flatten(back);
            Assert.True(a.Keys.SetEquals(b.Keys), name);
            Assert.True(a.Values.SetEquals(b.Values), name);
        }
    }
}

public class RegTextWriterRegedit4Tests
{
    [Fact]
    public void Regedit4_round_trips_every_value_it_can_hold_exactly()
    {
        var key = new MemoryKey();
        RegistryValue[] values =
        [
            RegistryValue.FromString("sz", "café \"quoted\""),
            RegistryValue.FromString("expand", "%SystemRoot%\\x", RegistryValueKind.ExpandString),
            RegistryValue.FromMultiString("multi", ["lic01.example.com", "lic02"]),
            RegistryValue.FromDWord("dword", 7),
            new("bin", RegistryValueKind.Binary, [1, 2, 3]),
            new("odd kind", (RegistryValueKind)0x99, [4]),
        ];
        foreach (var v in values)
        {
            key.SetValue(v);
        }
        var sw = new StringWriter();
        RegTextWriter.Export(key, "HKEY_LOCAL_MACHINE\\T", sw, RegTextFormat.Regedit4);
        Assert.StartsWith("REGEDIT4\r\n", sw.ToString(), StringComparison.Ordinal);
        byte[] ansi = RegTextWriter.Regedit4Encoding.GetBytes(sw.ToString());
        var doc = RegTextReader.Parse(ansi);
        Assert.Equal(RegTextFormat.Regedit4, doc.Format);
        var back = doc.ToTree("HKEY_LOCAL_MACHINE\\T");
        foreach (var v in values)
        {
            var r = back.GetValue(v.Name)!;
            Assert.Equal(v.Kind, r.Kind);
            Assert.Equal(v.Span.ToArray(), r.Span.ToArray());
        }
    }

    [Fact]
    public void Regedit4_refuses_what_it_cannot_hold_exactly()
    {
        foreach (var v in new[]
        {
            RegistryValue.FromString("cyrillic", "ключ"),
            new RegistryValue("no terminator", RegistryValueKind.String, Encoding.Unicode.GetBytes("abc")),
            RegistryValue.FromString("Ключ", "name is not ANSI"),
        })
        {
            var key = new MemoryKey();
            key.SetValue(v);
            Assert.Throws<NotSupportedException>(() => RegTextWriter.Export(key, "HKEY_LOCAL_MACHINE\\T", new StringWriter(), RegTextFormat.Regedit4));
        }
    }
}

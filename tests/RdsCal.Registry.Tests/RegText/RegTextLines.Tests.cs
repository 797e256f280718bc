using System.Text;
using RdsCal.Registry.RegText;

namespace RdsCal.Registry.Tests.RegText;

public class RegTextLinesTests
{
    [Fact]
    public void A_line_over_the_limit_is_refused_with_its_number_not_read_whole()
    {
        var text = new StringBuilder("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\Big]\r\n\"V\"=\"");
        text.Append('x', RegTextLines.MaxLineLength).Append("\"\r\n");
        var e = Assert.Throws<RegTextFormatException>(() => RegTextReader.Parse(text.ToString()));
        Assert.Equal(4, e.Line);
        Assert.Equal(RegTextLines.MaxLineLength + 1, e.Column);
    }

    [Fact]
    public void Lines_end_at_crlf_lf_or_cr_and_keep_their_numbers()
    {
        var doc = RegTextReader.Parse("Windows Registry Editor Version 5.00\r\n\n[HKEY_LOCAL_MACHINE\\A]\r\"X\"=dword:1\n[HKEY_LOCAL_MACHINE\\B]\r\n");
        Assert.Equal([(3, "HKEY_LOCAL_MACHINE\\A"), (4, "HKEY_LOCAL_MACHINE\\A"), (5, "HKEY_LOCAL_MACHINE\\B")], doc.Entries.Select(e => (e.Line, e.KeyPath)));
    }
}

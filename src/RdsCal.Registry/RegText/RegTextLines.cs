using System.Text;

namespace RdsCal.Registry.RegText;

/// <summary>
/// The lines of a .reg text, read one at a time (CR LF, LF or CR end a line), each at most
/// <see cref="MaxLineLength"/> characters: a hostile 100 MB line is refused with its line number instead of
/// being copied several times over.
/// </summary>
internal sealed class RegTextLines(TextReader reader)
{
    /// <summary>
    /// 16 Mi characters. regedit wraps hex data at 80 columns, so only a quoted string can make a long line, and
    /// a string value that long (32 MB) is far past what the registry is meant to hold.
    /// </summary>
    public const int MaxLineLength = 16 << 20;

    /// <summary>
    /// What the UTF-16 decoder puts in place of a lone surrogate: U+FFFF, a noncharacter no registry export holds.
    /// regedit exports such names and data as they are; rdscal cannot keep them through .NET strings' decoding,
    /// so it refuses them, never replacing them silently with U+FFFD.
    /// </summary>
    public const char InvalidMark = '\uFFFF';

    private readonly StringBuilder _line = new();

    /// <summary>The 1-based number of the line <see cref="Next"/> returned last.</summary>
    public int LineNumber { get; private set; }

    /// <summary>The next line without its terminator, or null at the end.</summary>
    /// <exception cref="RegTextFormatException">The line is longer than <see cref="MaxLineLength"/>, or holds invalid UTF-16.</exception>
    public string? Next()
    {
        _line.Clear();
        int c = reader.Read();
        if (c < 0)
        {
            return null;
        }
        LineNumber++;
        while (c >= 0 && c != '\n' && c != '\r')
        {
            if (_line.Length >= MaxLineLength)
            {
                throw new RegTextFormatException($"line is longer than {MaxLineLength:N0} characters; no registry value needs that (regedit wraps long data)", LineNumber, MaxLineLength + 1);
            }
            if (c == InvalidMark)
            {
                throw new RegTextFormatException("invalid UTF-16 here (a lone surrogate, or U+FFFF): rdscal refuses it rather than change it", LineNumber, _line.Length + 1);
            }
            _line.Append((char)c);
            c = reader.Read();
        }
        if (c == '\r' && reader.Peek() == '\n')
        {
            reader.Read();
        }
        return _line.ToString();
    }
}

using System.Globalization;
using System.Text;

namespace RdsCal.Registry.RegText;

/// <summary>
/// Reads .reg files as regedit does: v5 (UTF-16LE with BOM; UTF-8 accepted) and REGEDIT4 (ANSI), with
/// every data form, continuations, comments, key and value deletions. Errors name line and column.
/// </summary>
public sealed class RegTextReader
{
    /// <summary>The v5 header line.</summary>
    public const string Version5Header = "Windows Registry Editor Version 5.00";

    /// <summary>The v4 header line.</summary>
    public const string Version4Header = "REGEDIT4";

    private static readonly Encoding Ansi = CreateAnsi();

    /// <summary>Windows-1252 that throws on characters it cannot encode.</summary>
    internal static Encoding StrictAnsi { get; } = Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

    // UTF-16 whose undecodable units (lone surrogates) become RegTextLines.InvalidMark instead of U+FFFD, so that
    // the line reader can refuse them with their line and column rather than let them change silently.
    private static readonly Encoding MarkedUtf16 = Marked(Encoding.Unicode);
    private static readonly Encoding MarkedUtf16BigEndian = Marked(Encoding.BigEndianUnicode);

    private static Encoding Marked(Encoding utf16)
    {
        var marked = (Encoding)utf16.Clone();
        marked.DecoderFallback = new DecoderReplacementFallback(RegTextLines.InvalidMark.ToString());
        return marked;
    }

    private readonly RegTextLines _lines;
    private readonly RegTextFormat _format;
    private readonly List<RegTextEntry> _entries = [];

    private RegTextReader(RegTextLines lines, RegTextFormat format)
    {
        _lines = lines;
        _format = format;
    }

    /// <summary>True when the bytes start like a .reg file (any encoding, either header).</summary>
    public static bool LooksLikeRegText(ReadOnlySpan<byte> head)
    {
        string text;
        try
        {
            text = Decode(head.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        string first = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return first.StartsWith(Version5Header, StringComparison.Ordinal) || first.StartsWith(Version4Header, StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads a .reg file as a stream of lines: memory grows with the statements and values it holds, never with
    /// a copy of the whole text, and a line longer than <see cref="RegTextLines.MaxLineLength"/> is refused.
    /// </summary>
    /// <exception cref="RegTextFormatException">The file is malformed (with line and column).</exception>
    /// <exception cref="UnrecognizedInputException">Not a regular file, or larger than <see cref="RegistryInput.MaxDecompressedBytes"/>.</exception>
    public static RegTextDocument Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            // The same cap as a gzipped .reg: streamed, but every statement it holds stays in memory.
            using var fs = RegistryInput.OpenRead(path, RegistryInput.MaxDecompressedBytes, "a .reg file");
            return Parse(fs);
        }
        catch (RegTextFormatException e) when (e.FilePath is null)
        {
            throw e.WithFile(path);
        }
    }

    /// <summary>Parses .reg bytes, choosing the encoding from the BOM (or, without one, from the content).</summary>
    /// <exception cref="RegTextFormatException">The text is malformed (with line and column).</exception>
    public static RegTextDocument Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var ms = new MemoryStream(bytes, writable: false);
        return Parse(ms);
    }

    /// <summary>Parses .reg text already decoded.</summary>
    /// <exception cref="RegTextFormatException">The text is malformed (with line and column).</exception>
    public static RegTextDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Parse(reader);
    }

    /// <summary>
    /// Parses a seekable stream. The encoding comes from the BOM or the first bytes; text that is not valid
    /// UTF-8 is read again as ANSI (Windows-1252), as <see cref="Decode"/> would.
    /// </summary>
    private static RegTextDocument Parse(Stream stream)
    {
        Span<byte> head = stackalloc byte[8];
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var (encoding, skip, fallback) = ChooseEncoding(head[..n]);
        try
        {
            return Parse(stream, encoding, skip);
        }
        catch (DecoderFallbackException) when (fallback)
        {
            stream.Position = 0;
            return Parse(stream, Ansi, 0);
        }
    }

    private static RegTextDocument Parse(Stream stream, Encoding encoding, int skip)
    {
        stream.Position = skip;
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, 1 << 16, leaveOpen: true);
        return Parse(reader);
    }

    private static RegTextDocument Parse(TextReader text)
    {
        var lines = new RegTextLines(text);
        string? first;
        do
        {
            first = lines.Next();
        }
        while (first is not null && first.Trim('\uFEFF', ' ', '\t').Length == 0);
        string header = first?.Trim('\uFEFF', ' ', '\t') ?? string.Empty;
        RegTextFormat format = header switch
        {
            Version5Header => RegTextFormat.Regedit5,
            Version4Header => RegTextFormat.Regedit4,
            _ => throw new RegTextFormatException(
                $"not a .reg file: the first line must be '{Version5Header}' or '{Version4Header}', found '{Shorten(header)}'", Math.Max(1, lines.LineNumber), 1),
        };
        var reader = new RegTextReader(lines, format);
        reader.ReadAll();
        return new RegTextDocument(format, reader._entries);
    }

    /// <summary>The encoding by BOM or first bytes, how many BOM bytes to skip, and whether ANSI is the fallback.</summary>
    private static (Encoding Encoding, int Skip, bool AnsiFallback) ChooseEncoding(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 2 && head[0] == 0xFF && head[1] == 0xFE)
        {
            return (MarkedUtf16, 2, false);
        }
        if (head.Length >= 2 && head[0] == 0xFE && head[1] == 0xFF)
        {
            return (MarkedUtf16BigEndian, 2, false);
        }
        if (head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        {
            return (StrictUtf8, 3, false);
        }
        if (head.StartsWith("REGEDIT4"u8))
        {
            return (Ansi, 0, false);
        }
        if (head.Length >= 4 && head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0)
        {
            return (MarkedUtf16, 0, false);
        }
        return (StrictUtf8, 0, true);
    }

    private void ReadAll()
    {
        string? currentKey = null;
        while (_lines.Next() is { } raw)
        {
            int lineNo = _lines.LineNumber;
            int start = SkipBlanks(raw, 0);
            if (start >= raw.Length || raw[start] is ';' or '#')
            {
                continue;
            }
            char c = raw[start];
            if (c == '[')
            {
                if (start + 1 < raw.Length && raw[start + 1] is ' ' or '\t')
                {
                    continue;
                }
                int close = raw.LastIndexOf(']');
                if (close <= start)
                {
                    throw new RegTextFormatException("key line has no closing ']'", lineNo, raw.Length + 1);
                }
                string path = raw[(start + 1)..close];
                bool delete = path.StartsWith('-');
                if (delete)
                {
                    path = path[1..];
                }
                if (path.Length == 0)
                {
                    throw new RegTextFormatException("key path is empty", lineNo, start + 2);
                }
                _entries.Add(new RegTextEntry(delete ? RegTextEntryKind.DeleteKey : RegTextEntryKind.Key, path, null, null, lineNo));
                currentKey = delete ? null : path;
                continue;
            }
            if (c is '"' or '@')
            {
                if (currentKey is null)
                {
                    throw new RegTextFormatException("value outside any key (or under a deleted key)", lineNo, start + 1);
                }
                ReadValue(raw, start, lineNo, currentKey);
                continue;
            }
            throw new RegTextFormatException($"unexpected '{c}': expected '[KEY]', a value line, or a ';' comment", lineNo, start + 1);
        }
    }

    private void ReadValue(string line, int pos, int lineNo, string key)
    {
        string name;
        if (line[pos] == '@')
        {
            name = string.Empty;
            pos++;
        }
        else
        {
            name = ReadQuoted(line, ref pos, lineNo);
        }
        pos = SkipBlanks(line, pos);
        if (pos >= line.Length || line[pos] != '=')
        {
            throw new RegTextFormatException("expected '=' after the value name", lineNo, pos + 1);
        }
        pos = SkipBlanks(line, pos + 1);
        if (pos >= line.Length)
        {
            throw new RegTextFormatException("value data is missing after '='", lineNo, pos + 1);
        }
        if (line[pos] == '-')
        {
            ExpectEnd(line, pos + 1, lineNo);
            _entries.Add(new RegTextEntry(RegTextEntryKind.DeleteValue, key, null, name, lineNo));
            return;
        }
        RegistryValue value;
        if (line[pos] == '"')
        {
            string text = ReadQuoted(line, ref pos, lineNo);
            ExpectEnd(line, pos, lineNo);
            value = RegistryValue.FromString(name, text);
        }
        else if (StartsWithWord(line, pos, "dword:"))
        {
            value = RegistryValue.FromDWord(name, (uint)ReadHexNumber(line, pos + 6, 8, lineNo));
        }
        else if (StartsWithWord(line, pos, "qword:"))
        {
            value = RegistryValue.FromQWord(name, ReadHexNumber(line, pos + 6, 16, lineNo));
        }
        else if (StartsWithWord(line, pos, "hex"))
        {
            value = ReadHex(line, pos, lineNo, name);
        }
        else
        {
            throw new RegTextFormatException($"unrecognised value data '{Shorten(line[pos..])}': expected \"text\", dword:, hex:, hex(N): or -", lineNo, pos + 1);
        }
        _entries.Add(new RegTextEntry(RegTextEntryKind.SetValue, key, value, name, lineNo));
    }

    private RegistryValue ReadHex(string line, int pos, int lineNo, string name)
    {
        uint kind = (uint)RegistryValueKind.Binary;
        pos += 3;
        if (pos < line.Length && line[pos] == '(')
        {
            int close = line.IndexOf(')', pos);
            if (close < 0 || !uint.TryParse(line.AsSpan(pos + 1, close - pos - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out kind))
            {
                throw new RegTextFormatException("hex(N) needs a hexadecimal type number N", lineNo, pos + 1);
            }
            pos = close + 1;
        }
        if (pos >= line.Length || line[pos] != ':')
        {
            throw new RegTextFormatException("expected ':' after hex or hex(N)", lineNo, pos + 1);
        }
        pos++;
        // Two digits and a comma per byte: sized once from the line, so a long line does not regrow the list.
        var bytes = new List<byte>(Math.Max(0, (line.Length - pos) / 3) + 1);
        int currentLine = lineNo;
        string text = line;
        while (true)
        {
            pos = SkipBlanks(text, pos);
            if (pos >= text.Length || text[pos] == ';')
            {
                break;
            }
            if (text[pos] == '\\')
            {
                // Continuation: the rest of the line after '\' must be empty; blank and comment lines may follow.
                ExpectEnd(text, pos + 1, currentLine);
                (text, currentLine) = NextDataLine(currentLine);
                pos = 0;
                continue;
            }
            if (pos + 1 >= text.Length || !IsHex(text[pos]) || !IsHex(text[pos + 1]))
            {
                throw new RegTextFormatException($"expected two hexadecimal digits, found '{Shorten(text[pos..])}'", currentLine, pos + 1);
            }
            bytes.Add((byte)((HexValue(text[pos]) << 4) | HexValue(text[pos + 1])));
            pos = SkipBlanks(text, pos + 2);
            if (pos < text.Length && text[pos] == ',')
            {
                pos++;
            }
            else if (pos < text.Length && text[pos] is not ('\\' or ';'))
            {
                throw new RegTextFormatException($"expected ',' between bytes, found '{Shorten(text[pos].ToString())}'", currentLine, pos + 1);
            }
        }
        byte[] data = [.. bytes];
        var valueKind = (RegistryValueKind)kind;
        if (_format == RegTextFormat.Regedit4 && valueKind is RegistryValueKind.ExpandString or RegistryValueKind.MultiString)
        {
            // REGEDIT4 stores these as ANSI bytes; the registry holds UTF-16 with a terminator.
            string s = Ansi.GetString(data);
            if (!s.EndsWith('\0'))
            {
                s += '\0';
            }
            data = Encoding.Unicode.GetBytes(s);
        }
        return RegistryValue.Adopt(name, valueKind, data);
    }

    private (string Text, int LineNo) NextDataLine(int afterLine)
    {
        while (_lines.Next() is { } next)
        {
            int p = SkipBlanks(next, 0);
            if (p < next.Length && next[p] != ';')
            {
                return (next, _lines.LineNumber);
            }
        }
        throw new RegTextFormatException("hex data continues ('\\') past the end of the file", afterLine, 1);
    }

    private static ulong ReadHexNumber(string line, int pos, int maxDigits, int lineNo)
    {
        int start = pos;
        ulong n = 0;
        while (pos < line.Length && IsHex(line[pos]))
        {
            n = (n << 4) | (uint)HexValue(line[pos]);
            pos++;
        }
        int digits = pos - start;
        if (digits == 0 || digits > maxDigits)
        {
            throw new RegTextFormatException($"expected 1 to {maxDigits} hexadecimal digits", lineNo, start + 1);
        }
        ExpectEnd(line, pos, lineNo);
        return n;
    }

    private static string ReadQuoted(string line, ref int pos, int lineNo)
    {
        int open = pos;
        var sb = new StringBuilder();
        pos++;
        while (pos < line.Length)
        {
            char c = line[pos];
            if (c == '"')
            {
                pos++;
                return sb.ToString();
            }
            if (c == '\\' && pos + 1 < line.Length)
            {
                char e = line[pos + 1];
                sb.Append(e switch
                {
                    'n' => '\n',
                    'r' => '\r',
                    _ => e,
                });
                pos += 2;
                continue;
            }
            sb.Append(c);
            pos++;
        }
        throw new RegTextFormatException("string has no closing quote", lineNo, open + 1);
    }

    private static void ExpectEnd(string line, int pos, int lineNo)
    {
        pos = SkipBlanks(line, pos);
        if (pos < line.Length && line[pos] != ';')
        {
            throw new RegTextFormatException($"unexpected text after the data: '{Shorten(line[pos..])}'", lineNo, pos + 1);
        }
    }

    private static bool StartsWithWord(string line, int pos, string word) =>
        string.Compare(line, pos, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private static int SkipBlanks(string s, int pos)
    {
        while (pos < s.Length && s[pos] is ' ' or '\t')
        {
            pos++;
        }
        return pos;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>
    /// Up to 40 characters of input for an error message, control characters and lone surrogates escaped: raw
    /// bytes of a binary file (an escape sequence, a bell) must reach the terminal as text, not act on it.
    /// </summary>
    private static string Shorten(string s)
    {
        var shown = new StringBuilder();
        foreach (char c in s.Length <= 40 ? s : s[..40])
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                shown.Append(c <= 0xFF ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}");
            }
            else
            {
                shown.Append(c);
            }
        }
        return s.Length <= 40 ? shown.ToString() : shown + "…";
    }

    internal static string Decode(byte[] bytes)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(bytes, 2, (bytes.Length - 2) & ~1);
        }
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, (bytes.Length - 2) & ~1);
        }
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            return StrictUtf8.GetString(bytes, 3, bytes.Length - 3);
        }
        if (bytes.AsSpan().StartsWith("REGEDIT4"u8))
        {
            return Ansi.GetString(bytes);
        }
        if (bytes.Length >= 4 && bytes[0] != 0 && bytes[1] == 0 && bytes[2] != 0 && bytes[3] == 0)
        {
            return Encoding.Unicode.GetString(bytes, 0, bytes.Length & ~1);
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Ansi.GetString(bytes);
        }
    }

    private static Encoding CreateAnsi()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}

using System.Text;

namespace RdsCal.Registry.RegText;

/// <summary>
/// Writes .reg text as regedit does (CRLF, 80-column hex wrapping), byte-exact for every value: data that
/// the quoted or <c>dword:</c> forms cannot reproduce exactly is written as <c>hex(N):</c>.
/// </summary>
public sealed class RegTextWriter
{
    private const int MaxHexColumns = 77;
    private readonly TextWriter _out;
    private readonly RegTextFormat _format;

    /// <summary>Writes to a text writer (the caller chose the encoding).</summary>
    public RegTextWriter(TextWriter output, RegTextFormat format = RegTextFormat.Regedit5)
    {
        ArgumentNullException.ThrowIfNull(output);
        _out = output;
        _format = format;
    }

    /// <summary>The encoding regedit uses for v5 files: UTF-16LE with a BOM.</summary>
    public static Encoding Regedit5Encoding { get; } = new UnicodeEncoding(bigEndian: false, byteOrderMark: true);

    /// <summary>The encoding of REGEDIT4 files: the ANSI code page (Windows-1252 here), failing on characters it lacks.</summary>
    public static Encoding Regedit4Encoding { get; } = RegTextReader.StrictAnsi;

    /// <summary>Writes the header line.</summary>
    public void WriteHeader() => _out.Write(_format == RegTextFormat.Regedit5 ? RegTextReader.Version5Header + "\r\n" : RegTextReader.Version4Header + "\r\n");

    /// <summary>Starts a key section: a blank line, then <c>[PATH]</c>.</summary>
    public void WriteKey(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireAnsi(path, "key path");
        _out.Write("\r\n[");
        _out.Write(path);
        _out.Write("]\r\n");
    }

    /// <summary>Writes <c>[-PATH]</c>: delete the key and its tree.</summary>
    public void WriteDeleteKey(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _out.Write("\r\n[-");
        _out.Write(path);
        _out.Write("]\r\n");
    }

    /// <summary>Writes <c>"name"=-</c>: delete the value.</summary>
    public void WriteDeleteValue(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _out.Write(QuoteName(name));
        _out.Write("=-\r\n");
    }

    /// <summary>Writes one value in the most readable form that keeps its bytes exactly.</summary>
    public void WriteValue(RegistryValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        RequireAnsi(value.Name, "value name");
        string name = QuoteName(value.Name);
        var data = value.Span;
        if (_format == RegTextFormat.Regedit4 && value.Kind is RegistryValueKind.ExpandString or RegistryValueKind.MultiString or RegistryValueKind.String)
        {
            data = ToRegedit4(value);
        }
        if (value.Kind == RegistryValueKind.String && _format == RegTextFormat.Regedit4)
        {
            _out.Write(name);
            _out.Write("=\"");
            _out.Write(Escape(Encoding.Latin1.GetString(data)));
            _out.Write("\"\r\n");
            return;
        }
        if (value.Kind == RegistryValueKind.String && TryAsQuotedString(data, out string? text))
        {
            _out.Write(name);
            _out.Write("=\"");
            _out.Write(Escape(text));
            _out.Write("\"\r\n");
            return;
        }
        if (value.Kind == RegistryValueKind.DWord && data.Length == 4)
        {
            _out.Write(name);
            _out.Write($"=dword:{value.AsDWord():x8}\r\n");
            return;
        }
        string type = value.Kind == RegistryValueKind.Binary ? "hex:" : $"hex({(uint)value.Kind:x}):";
        var sb = new StringBuilder(name.Length + type.Length + (data.Length * 3) + 8);
        sb.Append(name).Append('=').Append(type);
        int column = name.Length + 1 + type.Length;
        for (int i = 0; i < data.Length; i++)
        {
            sb.Append(HexDigit(data[i] >> 4)).Append(HexDigit(data[i] & 0xF));
            if (i == data.Length - 1)
            {
                break;
            }
            sb.Append(',');
            column += 3;
            if (column >= MaxHexColumns)
            {
                sb.Append("\\\r\n  ");
                column = 2;
            }
        }
        sb.Append("\r\n");
        _out.Write(sb);
    }

    /// <summary>Writes a <c>;</c> comment line, preceded by a blank line.</summary>
    public void WriteComment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _out.Write("\r\n; ");
        _out.Write(text.ReplaceLineEndings(" "));
        _out.Write("\r\n");
    }

    /// <summary>
    /// Writes a complete .reg file atomically (temporary file, flush, rename): header, what
    /// <paramref name="body"/> writes, the final blank line; UTF-16LE with BOM for v5, ANSI for REGEDIT4.
    /// <paramref name="output"/> says whether an existing file may be replaced (by default it may not; see
    /// <see cref="AtomicFile"/>).
    /// </summary>
    /// <exception cref="OutputRefusedException">The target exists (and may not be replaced), is an input or is a folder.</exception>
    public static void WriteFile(string path, Action<RegTextWriter> body, RegTextFormat format = RegTextFormat.Regedit5, OutputOptions? output = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        AtomicFile.Write(path, stream =>
        {
            using var text = new StreamWriter(stream, format == RegTextFormat.Regedit4 ? Regedit4Encoding : Regedit5Encoding, 1 << 16, leaveOpen: true);
            var w = new RegTextWriter(text, format);
            w.WriteHeader();
            body(w);
            w.WriteEnd();
        }, output);
    }

    /// <summary>Writes the end-of-file blank line regedit writes.</summary>
    public void WriteEnd() => _out.Write("\r\n");

    /// <summary>
    /// Writes a whole tree: each key's values (in stored order) then its subkeys, depth first, with
    /// <paramref name="prefix"/> as the path of <paramref name="key"/>.
    /// </summary>
    public void WriteTree(RegistryKey key, string prefix)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(prefix);
        var stack = new Stack<(RegistryKey Key, string Path)>();
        stack.Push((key, prefix));
        while (stack.Count > 0)
        {
            var (k, path) = stack.Pop();
            WriteKey(path);
            foreach (var v in k.EnumerateValues())
            {
                WriteValue(v);
            }
            var children = k.EnumerateSubkeys().ToList();
            for (int i = children.Count - 1; i >= 0; i--)
            {
                stack.Push((children[i], RegistryPath.Combine(path, children[i].Name)));
            }
        }
    }

    /// <summary>Exports a tree as a complete .reg document (header, keys, final blank line).</summary>
    public static void Export(RegistryKey key, string prefix, TextWriter output, RegTextFormat format = RegTextFormat.Regedit5)
    {
        var w = new RegTextWriter(output, format);
        w.WriteHeader();
        w.WriteTree(key, prefix);
        w.WriteEnd();
    }

    /// <summary>
    /// REGEDIT4 holds strings as ANSI; a value is written only when its UTF-16 text, with exactly one
    /// terminating NUL, survives the trip through the code page, so the importer restores the same bytes.
    /// </summary>
    private static ReadOnlySpan<byte> ToRegedit4(RegistryValue value)
    {
        var data = value.Span;
        bool shaped = data.Length >= 2 && (data.Length & 1) == 0 && data[^1] == 0 && data[^2] == 0;
        string text = shaped ? Encoding.Unicode.GetString(data) : string.Empty;
        // A REG_SZ is written quoted: one terminating NUL and no line breaks inside.
        bool fits = shaped && (value.Kind != RegistryValueKind.String
            || (text.IndexOf('\0', StringComparison.Ordinal) == text.Length - 1 && text.IndexOfAny(['\r', '\n']) < 0));
        byte[] ansi;
        try
        {
            ansi = fits ? Regedit4Encoding.GetBytes(value.Kind == RegistryValueKind.String ? text[..^1] : text) : [];
        }
        catch (EncoderFallbackException)
        {
            fits = false;
            ansi = [];
        }
        if (!fits)
        {
            throw new NotSupportedException($"value '{value.Name}' ({value.Kind.ToWindowsName()}, {data.Length} bytes) cannot be written to a REGEDIT4 file exactly; use the v5 format");
        }
        return ansi;
    }

    private void RequireAnsi(string text, string what)
    {
        if (_format != RegTextFormat.Regedit4)
        {
            return;
        }
        try
        {
            Regedit4Encoding.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            throw new NotSupportedException($"{what} '{text}' has characters the ANSI code page lacks; use the v5 format");
        }
    }

    private static bool TryAsQuotedString(ReadOnlySpan<byte> data, out string text)
    {
        text = string.Empty;
        if (data.Length < 2 || (data.Length & 1) != 0 || data[^1] != 0 || data[^2] != 0)
        {
            return false;
        }
        var chars = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(data[..^2]);
        if (chars.IndexOfAny('\0', '\r', '\n') >= 0)
        {
            return false;
        }
        foreach (char c in chars)
        {
            if (char.IsSurrogate(c))
            {
                // A lone surrogate does not survive the trip through text; keep exact bytes instead.
                return false;
            }
        }
        text = new string(chars);
        return true;
    }

    private static string QuoteName(string name) => name.Length == 0 ? "@" : "\"" + Escape(name) + "\"";

    private static string Escape(string s) => s.AsSpan().IndexOfAny("\\\"\r\n") < 0 ? s
        : s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static char HexDigit(int n) => (char)(n < 10 ? '0' + n : 'a' + n - 10);
}

using System.Globalization;
using System.Text;

namespace RdsCal.Registry.Policy;

/// <summary>
/// A Group Policy template's <c>gpt.ini</c>: the <c>Version</c> (user half in the upper 16 bits, machine half
/// in the lower 16 bits, [MS-GPOL] 3.3.5.4) and, in local GPOs, <c>gPCMachineExtensionNames</c>: bracketed
/// groups <c>[{CSE}{tool}…]</c> naming the client-side extensions that hold settings. Every other line is
/// kept as it was, as are the encoding (ANSI or UTF-16 with BOM) and the line ends.
/// </summary>
public sealed class GptIni
{
    private const string GeneralSection = "[General]";
    private readonly List<string> _lines;
    private readonly bool _utf16;
    private readonly string _newLine;

    private GptIni(List<string> lines, bool utf16, string newLine)
    {
        _lines = lines;
        _utf16 = utf16;
        _newLine = newLine;
    }

    /// <summary>An empty template's gpt.ini (version 0, no extensions).</summary>
    public static GptIni Empty => new([GeneralSection, "Version=0"], false, "\r\n");

    /// <summary>Reads a gpt.ini file: a few lines, so 1 MiB refuses a device or a huge file before it is read.</summary>
    /// <exception cref="PolicyFormatException">The Version is not a number (the message names the file).</exception>
    public static GptIni Load(string path)
    {
        try
        {
            return Parse(RegistryInput.ReadAllBytes(path, 1 << 20, "a gpt.ini file"));
        }
        catch (PolicyFormatException e) when (e.FilePath is null)
        {
            throw new PolicyFormatException(e.Detail, e.Offset, path);
        }
    }

    /// <summary>Reads gpt.ini bytes.</summary>
    /// <exception cref="PolicyFormatException">The Version is not a number.</exception>
    public static GptIni Parse(ReadOnlySpan<byte> bytes)
    {
        bool utf16 = bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE;
        // Latin-1 maps every byte to one char and back, so ANSI text the tool does not understand survives untouched.
        string text = utf16 ? Encoding.Unicode.GetString(bytes[2..]) : Encoding.Latin1.GetString(bytes);
        string newLine = text.Contains("\r\n", StringComparison.Ordinal) || !text.Contains('\n', StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        var ini = new GptIni(lines, utf16, newLine);
        _ = ini.Version;
        return ini;
    }

    /// <summary>The whole Version number (0 when absent).</summary>
    public uint Version
    {
        get
        {
            string? v = Get("Version");
            if (v is null)
            {
                return 0;
            }
            return uint.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out uint n)
                ? n
                : throw new PolicyFormatException($"gpt.ini Version '{v}' is not a number", 0);
        }
    }

    /// <summary>The machine half of the version.</summary>
    public ushort MachineVersion => (ushort)(Version & 0xFFFF);

    /// <summary>The user half of the version.</summary>
    public ushort UserVersion => (ushort)(Version >> 16);

    /// <summary>The <c>gPCMachineExtensionNames</c> value, or null when absent.</summary>
    public string? MachineExtensionNames => Get("gPCMachineExtensionNames");

    /// <summary>
    /// Increments the machine half of the version, leaving the user half; a machine half that wraps to 0
    /// becomes 1 ([MS-GPOL] 3.3.4.5: 0 would read as "no machine settings").
    /// </summary>
    public void BumpMachineVersion()
    {
        uint machine = (MachineVersion + 1u) & 0xFFFF;
        if (machine == 0)
        {
            machine = 1;
        }
        Set("Version", ((Version & 0xFFFF0000u) | machine).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Makes <c>gPCMachineExtensionNames</c> list <paramref name="cse"/> with a tool GUID: unchanged when
    /// the CSE already has one of <paramref name="acceptedTools"/>, else <paramref name="tool"/> is added.
    /// The value is rewritten in sorted form: groups by CSE GUID, tool GUIDs within a group, both ascending.
    /// </summary>
    /// <returns>True when the value changed.</returns>
    public bool AddMachineExtension(string cse, string tool, IReadOnlyCollection<string> acceptedTools)
    {
        ArgumentNullException.ThrowIfNull(acceptedTools);
        string? current = MachineExtensionNames;
        var groups = ParseExtensionNames(current ?? string.Empty);
        var group = groups.FirstOrDefault(g => string.Equals(g[0], cse, StringComparison.OrdinalIgnoreCase));
        if (group is null)
        {
            groups.Add([cse, tool]);
        }
        else if (!group.Skip(1).Any(t => acceptedTools.Contains(t, StringComparer.OrdinalIgnoreCase)))
        {
            group.Add(tool);
        }
        string sorted = FormatExtensionNames(groups);
        if (sorted == current)
        {
            return false;
        }
        Set("gPCMachineExtensionNames", sorted);
        return true;
    }

    /// <summary>The file's bytes in its original encoding and line ends.</summary>
    public byte[] ToBytes()
    {
        string text = string.Join(_newLine, _lines) + _newLine;
        return _utf16 ? [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)] : Encoding.Latin1.GetBytes(text);
    }

    /// <summary>The file as text.</summary>
    public override string ToString() => string.Join(_newLine, _lines) + _newLine;

    /// <summary>Parses <c>[{A}{B}][{C}{D}{E}]</c> into groups (each: CSE GUID then tool GUIDs).</summary>
    /// <exception cref="PolicyFormatException">The value is not in that form.</exception>
    public static List<List<string>> ParseExtensionNames(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var groups = new List<List<string>>();
        int i = 0;
        string v = value.Trim();
        while (i < v.Length)
        {
            if (v[i] != '[')
            {
                throw new PolicyFormatException($"gPCMachineExtensionNames '{value}' is not a list of [{{GUID}}{{GUID}}…] groups", 0);
            }
            int end = v.IndexOf(']', i);
            if (end < 0)
            {
                throw new PolicyFormatException($"gPCMachineExtensionNames '{value}' has an unclosed '['", 0);
            }
            var guids = v[(i + 1)..end].Split('}', StringSplitOptions.RemoveEmptyEntries).Select(g => g.Trim() + "}").ToList();
            if (guids.Count == 0 || guids.Any(g => !g.StartsWith('{') || !Guid.TryParse(g, out _)))
            {
                throw new PolicyFormatException($"gPCMachineExtensionNames '{value}' holds something that is not a {{GUID}}", 0);
            }
            groups.Add(guids);
            i = end + 1;
        }
        return groups;
    }

    private static string FormatExtensionNames(List<List<string>> groups) =>
        string.Concat(groups
            .OrderBy(g => g[0].ToUpperInvariant(), StringComparer.Ordinal)
            .Select(g => "[" + g[0] + string.Concat(g.Skip(1).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(t => t.ToUpperInvariant(), StringComparer.Ordinal)) + "]"));

    private int GeneralStart() => _lines.FindIndex(l => l.Trim().Equals(GeneralSection, StringComparison.OrdinalIgnoreCase));

    private int FindKey(string key)
    {
        int start = GeneralStart();
        if (start < 0)
        {
            return -1;
        }
        for (int i = start + 1; i < _lines.Count && !_lines[i].TrimStart().StartsWith('['); i++)
        {
            int eq = _lines[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && _lines[i][..eq].Trim().Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    private string? Get(string key)
    {
        int i = FindKey(key);
        return i < 0 ? null : _lines[i][(_lines[i].IndexOf('=', StringComparison.Ordinal) + 1)..];
    }

    private void Set(string key, string value)
    {
        int i = FindKey(key);
        if (i >= 0)
        {
            string existingKey = _lines[i][.._lines[i].IndexOf('=', StringComparison.Ordinal)];
            _lines[i] = existingKey + "=" + value;
            return;
        }
        int start = GeneralStart();
        if (start < 0)
        {
            _lines.Insert(0, GeneralSection);
            start = 0;
        }
        int end = start + 1;
        while (end < _lines.Count && !_lines[end].TrimStart().StartsWith('['))
        {
            end++;
        }
        // Before trailing blank lines of the section, so the section stays one block.
        while (end > start + 1 && _lines[end - 1].Trim().Length == 0)
        {
            end--;
        }
        _lines.Insert(end, key + "=" + value);
    }
}

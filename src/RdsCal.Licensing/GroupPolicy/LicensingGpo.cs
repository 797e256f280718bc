using System.Buffers.Binary;
using System.Text;
using RdsCal.Licensing.Plans;
using RdsCal.Registry;
using RdsCal.Registry.Changes;
using RdsCal.Registry.Changes.Stores;
using RdsCal.Registry.Memory;
using RdsCal.Registry.Policy;

namespace RdsCal.Licensing.GroupPolicy;

/// <summary>What a Group Policy template should set for RD Session Host licensing; null leaves a setting as it is.</summary>
/// <param name="Mode">"Set the Remote Desktop licensing mode" (<c>LicensingMode</c> REG_DWORD: 2 Per Device, 4 Per User).</param>
/// <param name="Servers">"Use the specified Remote Desktop license servers" (<c>LicenseServers</c> REG_SZ, comma-separated).</param>
/// <param name="HideNotifications">"Hide notifications about RD Licensing problems…" (<c>fDisableTerminalServerTooltip</c> REG_DWORD 1/0).</param>
public sealed record GpoLicensingSettings(LicensingMode? Mode, IReadOnlyList<string>? Servers, bool? HideNotifications);

/// <summary>A planned change to a Group Policy template folder: the new files, and the difference in words.</summary>
/// <param name="Folder">The template folder (holding <c>gpt.ini</c> and <c>Machine\Registry.pol</c>).</param>
/// <param name="PolicyFile">The Registry.pol path (an existing file's spelling kept).</param>
/// <param name="GptFile">The gpt.ini path (an existing file's spelling kept).</param>
/// <param name="NewPolicy">The new Registry.pol bytes.</param>
/// <param name="NewGpt">The new gpt.ini bytes.</param>
/// <param name="Diff">Lines starting with <c>-</c> or <c>+</c>, per value and per gpt.ini field.</param>
public sealed record GpoPlan(string Folder, string PolicyFile, string GptFile, byte[] NewPolicy, byte[] NewGpt, IReadOnlyList<string> Diff)
{
    /// <summary>
    /// The values to write as a change set below HKLM, each with the value in force now as its precondition: what the
    /// journalled write applies (<see cref="LicensingGpo.OpenStore"/>) and what its undo inverts.
    /// </summary>
    public ChangeSet Changes { get; init; } = new(string.Empty, []);

    /// <summary>True when the template already sets everything asked.</summary>
    public bool IsEmpty => Diff.Count == 0;
}

/// <summary>A value a Registry.pol sets or deletes, explained where it is a licensing policy.</summary>
/// <param name="Entry">The instruction.</param>
/// <param name="Meaning">What it means for RDS licensing, or null for other policies.</param>
public sealed record GpoEntryView(PolicyEntry Entry, string? Meaning);

/// <summary>What a template folder holds: its version, whether the Registry extension is registered, and its Machine entries.</summary>
/// <param name="GptFile">gpt.ini path, or null when absent.</param>
/// <param name="MachineVersion">Machine half of the version.</param>
/// <param name="UserVersion">User half of the version.</param>
/// <param name="RegistryExtensionListed">Whether gPCMachineExtensionNames lists the Registry CSE.</param>
/// <param name="PolicyFile">Registry.pol path, or null when absent.</param>
/// <param name="Entries">Its instructions in order.</param>
public sealed record GpoContents(string? GptFile, int MachineVersion, int UserVersion, bool RegistryExtensionListed, string? PolicyFile, IReadOnlyList<GpoEntryView> Entries);

/// <summary>
/// Writes RD Session Host licensing policy into a Group Policy template folder (<c>gpt.ini</c> plus
/// <c>Machine\Registry.pol</c>) as the Group Policy editor does: the values under
/// <c>Software\Policies\Microsoft\Windows NT\Terminal Services</c> (rds-licensing-facts.md, "Group Policy"),
/// every other Registry.pol entry kept byte for byte, the machine half of the gpt.ini version bumped and the
/// Registry client-side extension listed in <c>gPCMachineExtensionNames</c>, sorted ([MS-GPREG] 1.9 for the GUIDs).
/// </summary>
public static class LicensingGpo
{
    /// <summary>The Registry client-side extension ([MS-GPREG] 1.9).</summary>
    public const string RegistryCse = "{35378EAC-683F-11D2-A89A-00C04FBBCFA2}";

    /// <summary>The Administrative Templates tool extension for computer settings that current GPMC writes ([MS-GPREG] 1.9 lists it and the older one).</summary>
    public const string ComputerTool = "{D02B1F72-3407-48AE-BA88-E8213C6761F1}";

    /// <summary>The older computer tool extension GUID; either one registers the Registry CSE.</summary>
    public const string ComputerToolLegacy = "{0F6B957D-509E-11D1-A7CC-0000F87571E3}";

    private const string Key = @"Software\Policies\Microsoft\Windows NT\Terminal Services";

    /// <summary>The folder's gpt.ini and Machine\Registry.pol, an existing file's spelling kept.</summary>
    internal static (string Gpt, string Policy) Files(string folder) => (GptPath(folder), PolicyPath(folder));

    /// <summary>
    /// The folder as a store for the journalled write: the policy values below HKLM, gpt.ini's version raised and the
    /// Registry extension listed whenever they change (an undo included), both files committed together.
    /// </summary>
    /// <exception cref="PolicyFormatException">A file is malformed.</exception>
    internal static GpoStore OpenStore(string folder) =>
        new(GptPath(folder), PolicyPath(folder), RegistryCse, ComputerTool, [ComputerTool, ComputerToolLegacy]);

    /// <summary>Plans the change; nothing is written.</summary>
    /// <exception cref="ArgumentException">A server name is invalid, the mode is not Per User or Per Device, or nothing is asked.</exception>
    /// <exception cref="PolicyFormatException">The existing Registry.pol or gpt.ini is malformed.</exception>
    public static GpoPlan Plan(string folder, GpoLicensingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(settings);
        var values = Values(settings);
        string polPath = PolicyPath(folder);
        string gptPath = GptPath(folder);
        byte[] oldPol = File.Exists(polPath) ? PolicyFileReader.ReadBytes(polPath) : [];
        var entries = oldPol.Length == 0 ? [] : Load(oldPol, polPath);
        var diff = new List<string>();
        var changed = new List<PolicyEntry>();
        foreach (var value in values)
        {
            // What the key ends with after the file is applied, so a value already in force is not rewritten.
            var current = Effective(entries, value.ValueName);
            if (current is not null && current.Kind == value.Kind && current.Data.AsSpan().SequenceEqual(value.Data))
            {
                continue;
            }
            diff.Add(current is null ? $"- [{Key}] {value.ValueName} (not set)" : $"- [{Key}] {value.ValueName} = {Show(current)}");
            diff.Add($"+ [{Key}] {value.ValueName} = {Show(value)}");
            changed.Add(value);
        }
        if (changed.Count == 0)
        {
            return new GpoPlan(folder, polPath, gptPath, oldPol, File.Exists(gptPath) ? GptIni.Load(gptPath).ToBytes() : [], []);
        }
        // Preconditions come from the values in force as Group Policy applies the file, the view the store checks them against.
        var inForce = new MemoryKey();
        PolicyFileReader.ApplyTo(entries, inForce);
        var ops = changed.Select(c => (ChangeOperation)new SetValueOperation(Key, c.ToValue(), inForce.Open(Key)?.GetValue(c.ValueName))).ToList();
        var names = changed.Select(c => c.ValueName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        byte[] newPol = PolicyFileWriter.Rewrite(oldPol, entries,
            e => string.Equals(e.KeyPath, Key, StringComparison.OrdinalIgnoreCase)
                && e.Action is PolicyAction.SetValue or PolicyAction.SoftSetValue or PolicyAction.DeleteValue
                && names.Contains(e.TargetName),
            changed);

        var gpt = File.Exists(gptPath) ? GptIni.Load(gptPath) : GptIni.Empty;
        uint oldVersion = gpt.Version;
        string? oldNames = gpt.MachineExtensionNames;
        gpt.BumpMachineVersion();
        diff.Add($"- gpt.ini Version={oldVersion} (machine {oldVersion & 0xFFFF}, user {oldVersion >> 16})");
        diff.Add($"+ gpt.ini Version={gpt.Version} (machine {gpt.MachineVersion}, user {gpt.UserVersion})");
        if (gpt.AddMachineExtension(RegistryCse, ComputerTool, [ComputerTool, ComputerToolLegacy]))
        {
            diff.Add($"- gpt.ini gPCMachineExtensionNames={oldNames ?? "(not set)"}");
            diff.Add($"+ gpt.ini gPCMachineExtensionNames={gpt.MachineExtensionNames}");
        }
        return new GpoPlan(folder, polPath, gptPath, newPol, gpt.ToBytes(), diff) { Changes = new ChangeSet($"gpo set {folder}", ops) };
    }

    /// <summary>Reads what a template folder sets.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="PolicyFormatException">A file is malformed.</exception>
    public static GpoContents Show(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: no such folder");
        }
        string gptPath = GptPath(folder), polPath = PolicyPath(folder);
        var gpt = File.Exists(gptPath) ? GptIni.Load(gptPath) : null;
        bool listed = gpt?.MachineExtensionNames is { } names
            && GptIni.ParseExtensionNames(names).Any(g => string.Equals(g[0], RegistryCse, StringComparison.OrdinalIgnoreCase));
        var entries = File.Exists(polPath) ? Load(PolicyFileReader.ReadBytes(polPath), polPath) : [];
        return new GpoContents(gpt is null ? null : gptPath, gpt?.MachineVersion ?? 0, gpt?.UserVersion ?? 0, listed,
            File.Exists(polPath) ? polPath : null, [.. entries.Select(e => new GpoEntryView(e, Meaning(e)))]);
    }

    /// <summary>A value's data as text (DWORDs in decimal, strings quoted).</summary>
    public static string Show(PolicyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Action switch
        {
            PolicyAction.DeleteValue => $"delete value {entry.TargetName}",
            PolicyAction.DeleteAllValues => "delete all values",
            PolicyAction.CreateKey => "create key",
            _ => entry.Kind switch
            {
                RegistryValueKind.DWord when entry.Data.Length == 4 => $"REG_DWORD {BinaryPrimitives.ReadUInt32LittleEndian(entry.Data)}",
                RegistryValueKind.String or RegistryValueKind.ExpandString => $"{entry.Kind.ToWindowsName()} \"{Encoding.Unicode.GetString(entry.Data).TrimEnd('\0')}\"",
                _ => entry.ToValue().ToDisplayString() is var d ? $"{entry.Kind.ToWindowsName()} {d}" : string.Empty,
            },
        };
    }

    private static string? Meaning(PolicyEntry e)
    {
        if (!string.Equals(e.KeyPath, Key, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        uint? dword = e.Kind == RegistryValueKind.DWord && e.Data.Length == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(e.Data) : null;
        return (e.TargetName.ToUpperInvariant(), e.Action) switch
        {
            ("LICENSINGMODE", PolicyAction.DeleteValue) => "licensing mode policy removed (the server setting applies)",
            ("LICENSINGMODE", _) => $"licensing mode: {(dword is { } m ? LicensingModes.FromRaw(m).ToString() : "not a REG_DWORD")}",
            ("LICENSESERVERS", PolicyAction.DeleteValue) => "license server policy removed (the server setting applies)",
            ("LICENSESERVERS", _) => e.Kind == RegistryValueKind.String ? $"license servers, asked in this order: {Encoding.Unicode.GetString(e.Data).TrimEnd('\0')}" : "license servers: not a REG_SZ, the type the Administrative Template writes; what Windows does with another type is not documented",
            ("FDISABLETERMINALSERVERTOOLTIP", PolicyAction.DeleteValue) => "notification policy removed",
            ("FDISABLETERMINALSERVERTOOLTIP", _) => dword == 1 ? "licensing problem notifications hidden" : "licensing problem notifications shown",
            ("FPREVENTLICENSEUPGRADE", _) => "prevent license upgrade (a license server setting)",
            ("FSECURELICENSING", _) => "license server security group (a license server setting)",
            _ => "Remote Desktop Services policy",
        };
    }

    private static List<PolicyEntry> Values(GpoLicensingSettings settings)
    {
        var list = new List<PolicyEntry>();
        if (settings.Mode is { } mode)
        {
            if (mode is not (LicensingMode.PerDevice or LicensingMode.PerUser))
            {
                throw new ArgumentException($"the licensing mode policy takes per-user or per-device, not {mode.Name()}", nameof(settings));
            }
            list.Add(Dword("LicensingMode", (uint)mode));
        }
        if (settings.Servers is { } servers)
        {
            if (servers.Count == 0)
            {
                throw new ArgumentException("give at least one license server", nameof(settings));
            }
            foreach (string s in servers)
            {
                if (ServerNames.Problem(s) is { } problem)
                {
                    throw new ArgumentException(problem, nameof(settings));
                }
            }
            list.Add(new PolicyEntry(Key, "LicenseServers", RegistryValueKind.String, Encoding.Unicode.GetBytes(string.Join(",", servers) + "\0"), 0));
        }
        if (settings.HideNotifications is { } hide)
        {
            list.Add(Dword("fDisableTerminalServerTooltip", hide ? 1u : 0u));
        }
        if (list.Count == 0)
        {
            throw new ArgumentException("nothing to set: give a mode, servers or the notification setting", nameof(settings));
        }
        return list;
    }

    private static PolicyEntry Dword(string name, uint value)
    {
        var data = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(data, value);
        return new PolicyEntry(Key, name, RegistryValueKind.DWord, data, 0);
    }

    /// <summary>The value the file leaves in place for <paramref name="name"/> after all its instructions, or null.</summary>
    private static PolicyEntry? Effective(IReadOnlyList<PolicyEntry> entries, string name)
    {
        PolicyEntry? current = null;
        foreach (var e in entries.Where(e => string.Equals(e.KeyPath, Key, StringComparison.OrdinalIgnoreCase)))
        {
            switch (e.Action)
            {
                case PolicyAction.SetValue or PolicyAction.SoftSetValue when string.Equals(e.TargetName, name, StringComparison.OrdinalIgnoreCase):
                    current = e;
                    break;
                case PolicyAction.DeleteValue when string.Equals(e.TargetName, name, StringComparison.OrdinalIgnoreCase):
                case PolicyAction.DeleteAllValues:
                    current = null;
                    break;
                case PolicyAction.DeleteValues when Encoding.Unicode.GetString(e.Data).TrimEnd('\0').Split(';').Any(n => string.Equals(n.Trim(), name, StringComparison.OrdinalIgnoreCase)):
                    current = null;
                    break;
            }
        }
        return current;
    }

    private static IReadOnlyList<PolicyEntry> Load(byte[] bytes, string path)
    {
        try
        {
            return PolicyFileReader.Parse(bytes);
        }
        catch (PolicyFormatException e) when (e.FilePath is null)
        {
            throw new PolicyFormatException(e.Detail, e.Offset, path);
        }
    }

    private static string GptPath(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder).FirstOrDefault(f => Path.GetFileName(f).Equals("gpt.ini", StringComparison.OrdinalIgnoreCase)) ?? Path.Combine(folder, "gpt.ini") : Path.Combine(folder, "gpt.ini");

    private static string PolicyPath(string folder)
    {
        string? machine = Directory.Exists(folder) ? Directory.EnumerateDirectories(folder).FirstOrDefault(d => Path.GetFileName(d).Equals("Machine", StringComparison.OrdinalIgnoreCase)) : null;
        machine ??= Path.Combine(folder, "Machine");
        return Directory.Exists(machine)
            ? Directory.EnumerateFiles(machine).FirstOrDefault(f => Path.GetFileName(f).Equals("Registry.pol", StringComparison.OrdinalIgnoreCase)) ?? Path.Combine(machine, "Registry.pol")
            : Path.Combine(machine, "Registry.pol");
    }
}

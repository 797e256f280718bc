using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using RdsCal.Registry.Policy;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

public class GpoCommandTests
{
    private const string TsKey = @"Software\Policies\Microsoft\Windows NT\Terminal Services";

    public static TheoryData<string> RealMachinePolicies() =>
        TestData.Root is null ? new TheoryData<string> { "absent" }
        : [.. Directory.GetFiles(TestData.Real("registry-pol"), "*.pol", SearchOption.AllDirectories).Select(f => Path.GetFileName(f))];

    [TestDataTheory]
    [MemberData(nameof(RealMachinePolicies))]
    public void A_real_registry_pol_keeps_every_entry_byte_for_byte_when_licensing_is_added(string name)
    {
        using var scratch = new TempFolder();
        byte[] original = File.ReadAllBytes(Directory.GetFiles(TestData.Real("registry-pol"), name, SearchOption.AllDirectories).Single());
        string pol = Path.Combine(scratch.Folder("gpo", "Machine"), "Registry.pol");
        File.WriteAllBytes(pol, original);

        var (exit, _, err) = CliRunner.Run("gpo", "set", scratch.File("gpo"), "--mode", "per-user", "--servers", "lic1.contoso.com,lic2.contoso.com");
        Assert.True(exit == 0, err);
        byte[] updated = File.ReadAllBytes(pol);

        // None of the real files sets licensing, so every original byte stays in place and two entries follow.
        Assert.Equal(original, updated[..original.Length]);
        var before = IndependentPReg.Read(original);
        var after = IndependentPReg.Read(updated);
        Assert.Equal(before.Count + 2, after.Count);
        Assert.Equal(before, after.Take(before.Count));
        Assert.Equal(new IndependentPReg.Entry(TsKey, "LicensingMode", 4, "04000000"), after[^2]);
        Assert.Equal(new IndependentPReg.Entry(TsKey, "LicenseServers", 1, Convert.ToHexString(Encoding.Unicode.GetBytes("lic1.contoso.com,lic2.contoso.com\0"))), after[^1]);
        // Our reader agrees with the independent one on every entry.
        Assert.Equal(after, PolicyFileReader.Parse(updated).Select(e => new IndependentPReg.Entry(e.KeyPath, e.ValueName, (uint)e.Kind, Convert.ToHexString(e.Data))));
        Assert.Equal(before, PolicyFileReader.Parse(original).Select(e => new IndependentPReg.Entry(e.KeyPath, e.ValueName, (uint)e.Kind, Convert.ToHexString(e.Data))));
    }

    [TestDataFact]
    public void Changing_a_value_replaces_only_that_entry_and_status_gpo_shows_the_result()
    {
        using var scratch = new TempFolder();
        string real = Directory.GetFiles(TestData.Real("registry-pol"), "Windows_Firewall_*Machine_registry.pol", SearchOption.AllDirectories).Single();
        string pol = Path.Combine(scratch.Folder("gpo", "Machine"), "registry.pol");
        File.WriteAllBytes(pol, File.ReadAllBytes(real));
        File.WriteAllText(scratch.File("gpo", "GPT.INI"), "[General]\r\nVersion=65538\r\ndisplayName=RDSH licensing\r\ngPCMachineExtensionNames=[{827D319E-6EAC-11D2-A4EA-00C04F79F83A}{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}]\r\n", Encoding.Latin1);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("gpo", "set", scratch.File("gpo"), "--mode", "per-user", "--servers", "lic1.contoso.com").Exit);
        byte[] afterFirst = File.ReadAllBytes(pol);
        Assert.Equal(
            "[General]\r\nVersion=65539\r\ndisplayName=RDSH licensing\r\ngPCMachineExtensionNames=[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F72-3407-48AE-BA88-E8213C6761F1}][{827D319E-6EAC-11D2-A4EA-00C04F79F83A}{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}]\r\n",
            File.ReadAllText(scratch.File("gpo", "GPT.INI"), Encoding.Latin1));
        Assert.Single(Directory.GetFiles(scratch.File("gpo"), "GPT.INI.*.bak"));

        // --what-if shows the change and writes nothing.
        var (_, diff, _) = CliRunner.Run("gpo", "set", scratch.File("gpo"), "--mode", "per-device", "--what-if");
        Assert.Equal(
            $"- [{TsKey}] LicensingMode = REG_DWORD 4\n+ [{TsKey}] LicensingMode = REG_DWORD 2\n- gpt.ini Version=65539 (machine 3, user 1)\n+ gpt.ini Version=65540 (machine 4, user 1)\nwhat-if: nothing written\n",
            diff.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(afterFirst, File.ReadAllBytes(pol));

        Assert.Equal(ExitCodes.Ok, CliRunner.Run("gpo", "set", scratch.File("gpo"), "--mode", "per-device").Exit);
        var entries = IndependentPReg.Read(File.ReadAllBytes(pol));
        var firstEntries = IndependentPReg.Read(afterFirst);
        // The old LicensingMode entry is gone, the servers entry and every firewall entry are unchanged, the new mode is last.
        Assert.Equal(firstEntries.Where(e => e.Name != "LicensingMode"), entries.Take(entries.Count - 1));
        Assert.Equal(new IndependentPReg.Entry(TsKey, "LicensingMode", 4, "02000000"), entries[^1]);
        Assert.Contains("Version=65540\r\n", File.ReadAllText(scratch.File("gpo", "GPT.INI"), Encoding.Latin1), StringComparison.Ordinal);
        var (same, nothing, _) = CliRunner.Run("gpo", "set", scratch.File("gpo"), "--mode", "per-device");
        Assert.Equal(0, same);
        Assert.EndsWith("already sets this; nothing to change\n", nothing.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);

        var (code, json, err) = CliRunner.Run("status", "--system", TestData.Scenario("unconfigured", "SYSTEM"), "--software", TestData.Scenario("unconfigured", "SOFTWARE"), "--gpo", pol, "--json");
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal("PerDevice", root.GetProperty("licensingMode").GetProperty("effective").GetString());
        Assert.Equal("policy", root.GetProperty("licensingMode").GetProperty("source").GetString());
        Assert.Equal(["lic1.contoso.com"], root.GetProperty("licenseServers").GetProperty("effective").EnumerateArray().Select(e => e.GetString()));

        var (_, show, _) = CliRunner.Run("gpo", "show", scratch.File("gpo"));
        string[] lines = show.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        Assert.Equal($"{scratch.File("gpo", "GPT.INI")}: version machine 4, user 1; Registry extension listed in gPCMachineExtensionNames", lines[0]);
        Assert.Equal($"{pol}: 26 entries", lines[1]);
        Assert.Equal("  LicenseServers = REG_SZ \"lic1.contoso.com\": license servers, asked in this order: lic1.contoso.com", lines[2]);
        Assert.Equal("  LicensingMode = REG_DWORD 2: licensing mode: PerDevice", lines[3]);
        Assert.Equal("  other policies (24):", lines[4]);
    }

    [Fact]
    public void A_new_folder_gets_a_gpt_ini_and_a_policy_file_and_bad_input_is_one_line()
    {
        using var scratch = new TempFolder();
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("gpo", "set", scratch.File("new"), "--hide-notifications", "on").Exit);
        Assert.Equal("[General]\r\nVersion=1\r\ngPCMachineExtensionNames=[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F72-3407-48AE-BA88-E8213C6761F1}]\r\n", File.ReadAllText(scratch.File("new", "gpt.ini")));
        Assert.Equal([new IndependentPReg.Entry(TsKey, "fDisableTerminalServerTooltip", 4, "01000000")], IndependentPReg.Read(File.ReadAllBytes(scratch.File("new", "Machine", "Registry.pol"))));

        var (usage, _, message) = CliRunner.Run("gpo", "set", scratch.File("new"), "--servers", "bad_name!");
        Assert.Equal(2, usage);
        Assert.StartsWith("rdscal: error: 'bad_name!' is not a valid DNS name", message, StringComparison.Ordinal);

        File.WriteAllBytes(scratch.File("new", "Machine", "Registry.pol"), "PReg\u0001\0\0\0[x"u8.ToArray());
        var (corrupt, _, why) = CliRunner.Run("gpo", "set", scratch.File("new"), "--mode", "per-user");
        Assert.Equal(4, corrupt);
        Assert.Equal($"rdscal: error: {scratch.File("new", "Machine", "Registry.pol")}: expected '[' (UTF-16LE) (at byte offset 0x8)\n", why.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("65538", "65539")]
    [InlineData("131071", "65537")]
    [InlineData("0", "1")]
    public void The_machine_half_of_the_version_is_bumped_and_wraps_to_one(string before, string after)
    {
        var ini = GptIni.Parse(Encoding.Latin1.GetBytes($"[General]\r\nVersion={before}\r\n"));
        ini.BumpMachineVersion();
        Assert.Equal($"[General]\r\nVersion={after}\r\n", ini.ToString());
    }

    [Fact]
    public void Extension_names_are_sorted_and_an_existing_registry_pair_is_kept()
    {
        var ini = GptIni.Parse(Encoding.Latin1.GetBytes("[General]\nVersion=3\ngPCMachineExtensionNames=[{B1BE8D72-6EAC-11D2-A4EA-00C04F79F83A}{53D6AB1D-2488-11D1-A28C-00C04FB94F17}][{00000000-0000-0000-0000-000000000000}{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}]\n"));
        Assert.True(ini.AddMachineExtension(RdsCal.Licensing.GroupPolicy.LicensingGpo.RegistryCse, RdsCal.Licensing.GroupPolicy.LicensingGpo.ComputerTool, [RdsCal.Licensing.GroupPolicy.LicensingGpo.ComputerTool]));
        Assert.Equal("[{00000000-0000-0000-0000-000000000000}{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}][{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F72-3407-48AE-BA88-E8213C6761F1}][{B1BE8D72-6EAC-11D2-A4EA-00C04F79F83A}{53D6AB1D-2488-11D1-A28C-00C04FB94F17}]", ini.MachineExtensionNames);
        Assert.EndsWith("\n", ini.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", ini.ToString(), StringComparison.Ordinal);

        var legacy = GptIni.Parse(Encoding.Latin1.GetBytes("[General]\r\nVersion=3\r\ngPCMachineExtensionNames=[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{0F6B957D-509E-11D1-A7CC-0000F87571E3}]\r\n"));
        Assert.False(legacy.AddMachineExtension(RdsCal.Licensing.GroupPolicy.LicensingGpo.RegistryCse, RdsCal.Licensing.GroupPolicy.LicensingGpo.ComputerTool,
            [RdsCal.Licensing.GroupPolicy.LicensingGpo.ComputerTool, RdsCal.Licensing.GroupPolicy.LicensingGpo.ComputerToolLegacy]));
    }

    /// <summary>
    /// A PReg reader written for this test from /work/shared/docs/formats.md §10 alone (header "PReg" + DWORD 1,
    /// then [key;value;type;size;data] with UTF-16LE NUL-terminated strings and raw little-endian DWORDs).
    /// </summary>
    private static class IndependentPReg
    {
        public sealed record Entry(string Key, string Name, uint Type, string DataHex);

        public static List<Entry> Read(byte[] b)
        {
            Assert.True(b.Length >= 8 && b[0] == 'P' && b[1] == 'R' && b[2] == 'e' && b[3] == 'g' && BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4)) == 1, "bad PReg header");
            var list = new List<Entry>();
            int p = 8;
            while (p < b.Length)
            {
                Sym(b, ref p, '[');
                string key = Str(b, ref p);
                Sym(b, ref p, ';');
                string name = Str(b, ref p);
                Sym(b, ref p, ';');
                uint type = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(p));
                p += 4;
                Sym(b, ref p, ';');
                int size = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(p)));
                p += 4;
                Sym(b, ref p, ';');
                string data = Convert.ToHexString(b, p, size);
                p += size;
                Sym(b, ref p, ']');
                list.Add(new Entry(key, name, type, data));
            }
            return list;
        }

        private static void Sym(byte[] b, ref int p, char c)
        {
            Assert.True(b[p] == c && b[p + 1] == 0, $"expected '{c}' at {p}");
            p += 2;
        }

        private static string Str(byte[] b, ref int p)
        {
            int start = p;
            while (b[p] != 0 || b[p + 1] != 0)
            {
                p += 2;
            }
            string s = Encoding.Unicode.GetString(b, start, p - start);
            p += 2;
            return s;
        }
    }
}

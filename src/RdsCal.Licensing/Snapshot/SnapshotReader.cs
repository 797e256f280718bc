using RdsCal.Licensing.Sources;
using RdsCal.Registry;

namespace RdsCal.Licensing.Snapshot;

/// <summary>
/// Reads a <see cref="LicensingSnapshot"/> from a machine's registry. Pure: it only reads the given view, and
/// "not configured" is data, never an exception.
/// </summary>
public static partial class SnapshotReader
{
    /// <summary>Reads every licensing setting with its provenance.</summary>
    public static LicensingSnapshot Read(MachineRegistry machine, int? liveGraceDaysLeft = null)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var ctx = new Context(machine);
        var quality = new List<string>();
        foreach (var source in new[] { machine.System, machine.Software, machine.Security })
        {
            if (source is null)
            {
                continue;
            }
            if (source.MaybeStale)
            {
                quality.Add($"{source.HiveName} ({source.Label}) is a dirty hive read without its transaction logs: recent changes may be missing");
            }
        }
        if (machine.Software is null)
        {
            quality.Add("no SOFTWARE source was given: Group Policy values, the RD Session Host role and the client license store are unknown");
        }
        if (machine.System is null)
        {
            quality.Add("no SYSTEM source was given: the server licensing mode, license servers and grace period are unknown");
        }
        else if (machine.ControlSetProblem is not null)
        {
            quality.Add(machine.ControlSetProblem);
        }
        DomainMembership? membership = null;
        if (machine.Security is { } security)
        {
            (membership, string? problem) = DomainMembershipReader.Read(security);
            if (problem is not null)
            {
                quality.Add(problem);
            }
        }
        var snapshot = new LicensingSnapshot
        {
            SystemSource = machine.System?.Label,
            SoftwareSource = machine.Software?.Label,
            SecuritySource = machine.Security?.Label,
            ControlSet = machine.ControlSetName,
            IsLive = machine.System?.Kind == RegistrySourceKind.Live || machine.Software?.Kind == RegistrySourceKind.Live,
            Mode = ReadMode(ctx),
            Servers = ReadServers(ctx),
            GracePeriod = ReadGracePeriod(ctx, liveGraceDaysLeft),
            Host = ReadHost(ctx, membership),
            Certificates = ReadCertificates(ctx),
            ClientStore = ReadClientStore(ctx),
            LicenseServerParameters = ReadLicenseServerParameters(ctx),
            Policies = ReadPolicies(ctx),
            LicensingKeyEntries = ReadLicensingKeyEntries(ctx),
            UnexpectedValues = ctx.Unexpected,
            DataQuality = quality,
        };
        return snapshot;
    }

    private static ModeSetting ReadMode(Context ctx)
    {
        var policy = ctx.PolicyDWord("LicensingMode");
        var server = ctx.SystemDWord(LicensingPaths.LicensingCore, "LicensingMode");
        if (policy is { } p)
        {
            var shadowed = server is { } s ? new ShadowedMode(LicensingModes.FromRaw(s.Value), s.Value, s.From) : null;
            return new ModeSetting(LicensingModes.FromRaw(p.Value), p.Value, SettingSource.Policy, p.From, shadowed);
        }
        if (server is { } sv)
        {
            return new ModeSetting(LicensingModes.FromRaw(sv.Value), sv.Value, SettingSource.Server, sv.From, null);
        }
        // Without SYSTEM the server setting is unknown, which is not the same as "not configured".
        return new ModeSetting(ctx.Machine.ControlSetName is null ? LicensingMode.Unknown : LicensingMode.NotConfigured, null, SettingSource.None, null, null);
    }

    private static GracePeriodInfo ReadGracePeriod(Context ctx, int? daysLeft)
    {
        const string offlineNote = "the expiry date inside the timebomb is DPAPI-protected with the machine's secrets; it cannot be read offline, only its presence, size and the key's last-write time";
        var key = ctx.Machine.ControlSetKey(LicensingPaths.GracePeriod);
        var from = new Provenance(ctx.Machine.ControlSetPath(LicensingPaths.GracePeriod), ctx.SystemLabel);
        if (key is null)
        {
            return new GracePeriodInfo(false, null, null, false, null, daysLeft,
                ctx.Machine.System is null ? "unknown: no SYSTEM source" : "the GracePeriod key does not exist (it appears once the RD Session Host role has run)", ctx.Machine.ControlSetName is null ? null : from);
        }
        var value = key.GetValue(LicensingPaths.RtmTimebomb) ?? key.GetValue(LicensingPaths.BetaTimebomb);
        if (value is not null && value.Kind != RegistryValueKind.Binary)
        {
            ctx.Unexpect(from.Path + "\\" + value.Name, value, "REG_BINARY");
        }
        string note = daysLeft is { } d
            ? d > 0 ? $"{d} day(s) left, from WMI Win32_TerminalServiceSetting.GetGracePeriodDays" : "the grace period is over (WMI Win32_TerminalServiceSetting.GetGracePeriodDays returns 0)"
            : value is null ? offlineNote : "timebomb present: it stays after the grace period ends and after the host is licensed, so it does not say whether the grace period is running; " + offlineNote;
        return new GracePeriodInfo(true, value?.Name, value?.Data.Length, value is not null && value.Name.StartsWith("L$GracePeriod", StringComparison.OrdinalIgnoreCase),
            key.LastWriteTime, daysLeft, note, from);
    }

    private static HostInfo ReadHost(Context ctx, DomainMembership? membership)
    {
        var role = ctx.SoftwareValue(LicensingPaths.RdsRole, "InstallState");
        var version = ctx.Machine.SoftwareKey(LicensingPaths.CurrentVersion);
        var tcpip = ctx.Machine.ControlSetKey(LicensingPaths.TcpipParameters);
        return new HostInfo
        {
            RdsRoleInstallState = role?.AsDWord(),
            ProductType = ctx.Machine.ControlSetKey(LicensingPaths.ProductOptions)?.GetValue("ProductType")?.AsString(),
            ProductName = version?.GetValue("ProductName")?.AsString(),
            Build = (version?.GetValue("CurrentBuild") ?? version?.GetValue("CurrentBuildNumber"))?.AsString(),
            Domain = tcpip is null ? null : (tcpip.GetValue("Domain") ?? tcpip.GetValue("NV Domain"))?.AsString() ?? string.Empty,
            Membership = membership,
            // The name the machine had when the hive was saved (ActiveComputerName is volatile and absent from hive files).
            ComputerName = ctx.Machine.ControlSetKey(@"Control\ComputerName\ComputerName")?.GetValue("ComputerName")?.AsString(),
        };
    }

    private static List<LicensingKeyEntry> ReadLicensingKeyEntries(Context ctx)
    {
        var entries = new List<LicensingKeyEntry>();
        foreach (string keyPath in new[] { LicensingPaths.Rcm, LicensingPaths.LicensingCore, LicensingPaths.LicenseServerParameters })
        {
            var key = ctx.Machine.ControlSetKey(keyPath);
            if (key is null)
            {
                continue;
            }
            string path = ctx.Machine.ControlSetPath(keyPath);
            foreach (var v in key.EnumerateValues())
            {
                entries.Add(new LicensingKeyEntry(keyPath, v.Name, false, $"{v.Kind.ToWindowsName()} {v.ToDisplayString()}", new Provenance($"{path}\\{v.Name}", ctx.SystemLabel)));
            }
            foreach (var sub in key.EnumerateSubkeys())
            {
                string values = string.Join("; ", sub.EnumerateValues().Select(v => $"{(v.Name.Length == 0 ? "(default)" : v.Name)} = {v.ToDisplayString()}"));
                string subkeys = string.Join(", ", sub.EnumerateSubkeys().Select(k => k.Name));
                string summary = string.Join("; ", new[] { values.Length > 0 ? values : null, subkeys.Length > 0 ? $"subkeys [{subkeys}]" : null }.OfType<string>());
                entries.Add(new LicensingKeyEntry(keyPath, sub.Name, true, summary.Length == 0 ? "empty" : summary, new Provenance($"{path}\\{sub.Name}", ctx.SystemLabel)));
            }
        }
        return entries;
    }

    private static List<RegistryValueInfo> ReadCertificates(Context ctx)
    {
        var key = ctx.Machine.ControlSetKey(LicensingPaths.Rcm);
        var list = new List<RegistryValueInfo>();
        if (key is null)
        {
            return list;
        }
        foreach (string name in LicensingPaths.CertificateValues)
        {
            if (key.GetValue(name) is { } v)
            {
                string path = ctx.Machine.ControlSetPath(LicensingPaths.Rcm) + "\\" + name;
                if (v.Kind != RegistryValueKind.Binary)
                {
                    ctx.Unexpect(path, v, "REG_BINARY");
                }
                list.Add(Info(v, new Provenance(path, ctx.SystemLabel)));
            }
        }
        return list;
    }

    private static List<RegistryValueInfo> ReadLicenseServerParameters(Context ctx)
    {
        var key = ctx.Machine.ControlSetKey(LicensingPaths.LicenseServerParameters);
        var list = new List<RegistryValueInfo>();
        if (key is null)
        {
            return list;
        }
        var expected = new (string Name, RegistryValueKind Kind)[]
        {
            ("DBPath", RegistryValueKind.String), ("DBFile", RegistryValueKind.String), ("MaxVerPages", RegistryValueKind.DWord),
            ("DisableWorkgroupAuthEnforcement", RegistryValueKind.DWord), ("WorkgroupLicenseServerAccountsGroup", RegistryValueKind.String),
            ("SpecifiedLicenseServers", RegistryValueKind.MultiString),
        };
        foreach (var (name, kind) in expected)
        {
            if (key.GetValue(name) is { } v)
            {
                string path = ctx.Machine.ControlSetPath(LicensingPaths.LicenseServerParameters) + "\\" + name;
                bool ok = v.Kind == kind || (kind == RegistryValueKind.String && v.Kind == RegistryValueKind.ExpandString);
                if (!ok || (kind == RegistryValueKind.DWord && v.Data.Length != 4))
                {
                    ctx.Unexpect(path, v, kind.ToWindowsName());
                }
                list.Add(Info(v, new Provenance(path, ctx.SystemLabel)));
            }
        }
        return list;
    }

    private static List<RegistryValueInfo> ReadPolicies(Context ctx)
    {
        var list = new List<RegistryValueInfo>();
        var key = ctx.Machine.SoftwareKey(LicensingPaths.Policy);
        if (key is null)
        {
            return list;
        }
        foreach (string name in new[] { "fDisableTerminalServerTooltip", "fPreventLicenseUpgrade", "fSecureLicensing" })
        {
            if (key.GetValue(name) is { } v)
            {
                string path = $"HKLM\\SOFTWARE\\{LicensingPaths.Policy}\\{name}";
                if (v.Kind != RegistryValueKind.DWord || v.Data.Length != 4)
                {
                    ctx.Unexpect(path, v, "REG_DWORD");
                }
                list.Add(Info(v, new Provenance(path, ctx.SoftwareLabel)));
            }
        }
        return list;
    }

    internal static RegistryValueInfo Info(RegistryValue v, Provenance from) =>
        new(v.Name, v.Kind.ToWindowsName(), v.Data.Length, v.ToDisplayString(), from);
}

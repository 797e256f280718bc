using RdsCal.Registry;

namespace RdsCal.Licensing.Snapshot;

public static partial class SnapshotReader
{
    private static ServerSetting ReadServers(Context ctx)
    {
        var shapes = new List<LicenseServerShape>();
        var m = ctx.Machine;

        var policyValue = ctx.SoftwareValue(LicensingPaths.Policy, "LicenseServers");
        if (policyValue is not null)
        {
            string path = $"HKLM\\SOFTWARE\\{LicensingPaths.Policy}\\LicenseServers";
            if (!policyValue.Kind.IsText() || policyValue.Kind == RegistryValueKind.Link)
            {
                ctx.Unexpect(path, policyValue, "REG_SZ (comma-separated names)");
            }
            else
            {
                shapes.Add(new LicenseServerShape(LicenseServerShapeKind.Policy, new Provenance(path, ctx.SoftwareLabel),
                    SplitPolicyList(policyValue.AsString()), true, "Group Policy 'Use the specified Remote Desktop license servers': wins over the server setting"));
            }
        }

        var parameters = m.ControlSetKey(LicensingPaths.TermServiceParameters);
        var licenseServers = m.ControlSetKey(LicensingPaths.LicenseServers);
        string lsPath = m.ControlSetPath(LicensingPaths.LicenseServers);
        if (licenseServers?.GetValue("SpecifiedLicenseServers") is { } canonical)
        {
            AddMulti(ctx, shapes, canonical, LicenseServerShapeKind.Canonical, lsPath + "\\SpecifiedLicenseServers", true,
                "the server setting Windows Server 2008 R2 and later read (written by Server Manager, WMI and rdscal)");
        }
        if (parameters?.GetValue("SpecifiedLicenseServers") is { } misplaced)
        {
            AddMulti(ctx, shapes, misplaced, LicenseServerShapeKind.ValueUnderParameters, m.ControlSetPath(LicensingPaths.TermServiceParameters) + "\\SpecifiedLicenseServers", false,
                "placed directly under Parameters by an old Azure article; Microsoft's current articles use the LicenseServers subkey instead");
        }
        if (licenseServers?.OpenSubkey("SpecifiedLicenseServers") is { } subkey)
        {
            var v = subkey.GetValue("SpecifiedLicenseServers");
            var names = v is null ? [] : v.Kind == RegistryValueKind.MultiString ? v.AsMultiString() : SplitPolicyList(v.AsString());
            shapes.Add(new LicenseServerShape(LicenseServerShapeKind.SpecifiedSubkey, new Provenance(lsPath + "\\SpecifiedLicenseServers", ctx.SystemLabel), names, false,
                "a subkey named SpecifiedLicenseServers, described by one Microsoft article; other Microsoft articles use the SpecifiedLicenseServers value of LicenseServers itself"));
        }
        if (licenseServers is not null)
        {
            var perServer = licenseServers.EnumerateSubkeys()
                .Select(k => k.Name)
                .Where(n => !RegistryName.NamesEqual(n, "SpecifiedLicenseServers"))
                .ToList();
            if (perServer.Count > 0)
            {
                shapes.Add(new LicenseServerShape(LicenseServerShapeKind.PerServerSubkeys, new Provenance(lsPath, ctx.SystemLabel), perServer, false,
                    "Windows Server 2003 style (KB 279561): one subkey per server; whether Server 2012 and later still read it is not verified"));
            }
        }
        if (parameters?.GetValue("DefaultLicenseServer") is { } legacy && legacy.Kind.IsText())
        {
            shapes.Add(new LicenseServerShape(LicenseServerShapeKind.DefaultLicenseServer, new Provenance(m.ControlSetPath(LicensingPaths.TermServiceParameters) + "\\DefaultLicenseServer", ctx.SystemLabel),
                SplitPolicyList(legacy.AsString()), false, "Windows 2000 (KB 239107); not documented for current Windows"));
        }

        var policy = shapes.FirstOrDefault(s => s.Kind == LicenseServerShapeKind.Policy && s.Servers.Count > 0);
        var server = shapes.FirstOrDefault(s => s.Kind == LicenseServerShapeKind.Canonical && s.Servers.Count > 0);
        if (policy is not null)
        {
            return new ServerSetting(policy.Servers, SettingSource.Policy, policy.From, server?.Servers, shapes);
        }
        if (server is not null)
        {
            return new ServerSetting(server.Servers, SettingSource.Server, server.From, null, shapes);
        }
        return new ServerSetting([], SettingSource.None, null, null, shapes);
    }

    private static void AddMulti(Context ctx, List<LicenseServerShape> shapes, RegistryValue v, LicenseServerShapeKind kind, string path, bool read, string note)
    {
        IReadOnlyList<string> names;
        if (v.Kind == RegistryValueKind.MultiString)
        {
            names = v.AsMultiString().Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        }
        else
        {
            ctx.Unexpect(path, v, "REG_MULTI_SZ");
            names = v.Kind.IsText() ? SplitPolicyList(v.AsString()) : [];
        }
        shapes.Add(new LicenseServerShape(kind, new Provenance(path, ctx.SystemLabel), names, read, note));
    }

    /// <summary>
    /// The policy list: comma-separated names, trimmed, empty entries dropped, order and case kept. Semicolons
    /// are accepted too, defensively: some scripts write them.
    /// </summary>
    public static IReadOnlyList<string> SplitPolicyList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }
}

using RdsCal.Registry;
using RdsCal.Registry.Changes;

namespace RdsCal.Licensing.Plans;

/// <summary>
/// The Win32_TerminalServiceSetting call that makes a running session host take what a change set writes, for
/// changes not planned by intent (an undo, a restore): the new LicensingMode through <c>ChangeMode</c>, the new
/// SpecifiedLicenseServers through <c>SetSpecifiedLicenseServerList</c>. A change that deletes them, or writes a mode
/// ChangeMode does not take, has no follow-up: it takes effect at the next TermService start.
/// </summary>
internal static class LiveFollowUps
{
    public static WmiCall? For(ChangeSet? changes)
    {
        if (changes is null)
        {
            return null;
        }
        WmiCall? call = null;
        foreach (var op in changes.Operations)
        {
            if (op is not SetValueOperation set || !set.KeyPath.StartsWith(@"SYSTEM\", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var value = set.NewValue;
            if (Is(set.KeyPath, LicensingPaths.LicensingCore) && string.Equals(value.Name, "LicensingMode", StringComparison.OrdinalIgnoreCase)
                && value.Kind == RegistryValueKind.DWord && value.Data.Length == 4 && BitConverter.ToUInt32(value.Data.Span) is uint mode and (0 or 1 or 2 or 4))
            {
                // The last write wins, as it does in the registry.
                call = new WmiCall("ChangeMode", new Dictionary<string, object> { ["LicensingType"] = mode });
            }
            else if (Is(set.KeyPath, LicensingPaths.LicenseServers) && string.Equals(value.Name, "SpecifiedLicenseServers", StringComparison.OrdinalIgnoreCase)
                && value.Kind == RegistryValueKind.MultiString)
            {
                call = new WmiCall("SetSpecifiedLicenseServerList", new Dictionary<string, object> { ["SpecifiedLSList"] = value.AsMultiString().ToArray() });
            }
        }
        return call;
    }

    // SYSTEM\ControlSet00N\<relative>: the control set the change was planned against.
    private static bool Is(string keyPath, string relative) =>
        keyPath.EndsWith(@"\" + relative, StringComparison.OrdinalIgnoreCase) && keyPath.Split('\\').Length == relative.Split('\\').Length + 2;
}

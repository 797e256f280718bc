using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Snapshot;
using RdsCal.Licensing.Sources;
using RdsCal.Registry;
using RdsCal.Registry.Changes;
using RdsCal.Registry.Memory;

namespace RdsCal.Licensing.Plans;

/// <summary>
/// Turns licensing intents into change sets over a machine (<c>SYSTEM\…</c>, <c>SOFTWARE\…</c>), applying the
/// rules of rds-licensing-facts.md: never write a value that Group Policy overrides without saying so, write
/// license servers only where Microsoft documents current Windows reads them, reset the grace period only with a
/// license server or explicitly for a lab, and reset a client license store only on a client.
/// </summary>
public static class LicensingPlanner
{
    private const string PolicyKey = @"SOFTWARE\" + LicensingPaths.Policy;
    /// <summary>What Microsoft says about resetting the grace period.</summary>
    public const string GraceResetNotRecommended =
        "Microsoft does not recommend resetting the grace period: you must implement a license server with RDS CALs (RDS Licensing troubleshooting guidance, Microsoft Learn).";

    private const string RestartNote = "Takes effect after the Remote Desktop Services service (TermService) restarts or the host reboots; restarting TermService disconnects every session.";

    /// <summary>Set the licensing mode (per-user or per-device).</summary>
    public static LicensingPlan SetMode(MachineRegistry machine, LicensingSnapshot snapshot, LicensingMode mode, bool usePolicy)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (mode is not (LicensingMode.PerUser or LicensingMode.PerDevice))
        {
            return LicensingPlan.Refuse(ChangeRefusalReason.ModeNotSettable, "only per-user and per-device can be set");
        }
        var warnings = new List<string>();
        uint raw = (uint)mode;
        var value = RegistryValue.FromDWord("LicensingMode", raw);
        if (usePolicy)
        {
            if (machine.Software is null)
            {
                return LicensingPlan.Refuse(ChangeRefusalReason.SoftwareNeeded, "the local policy value lives in HKLM\\SOFTWARE\\Policies\\…, and no SOFTWARE source was given", PolicyKey);
            }
            warnings.Add("This writes the local policy value; a domain GPO that sets the mode replaces it at the next policy refresh.");
            warnings.Add(RestartNote);
            return Plan($"set the licensing mode policy to {mode.Name()} ({raw})", warnings, SetIfDifferent(machine.Software.Root, LicensingPaths.Policy, PolicyKey, value));
        }
        if (snapshot.Mode.Source == SettingSource.Policy)
        {
            return LicensingPlan.Refuse(ChangeRefusalReason.PolicyGoverns,
                $"Group Policy sets the licensing mode ({snapshot.Mode.From!.Path} = {snapshot.Mode.Raw}); writing the server setting would have no effect", snapshot.Mode.From.Path);
        }
        if (machine.System is null || machine.ControlSetName is null)
        {
            return LicensingPlan.Refuse(ChangeRefusalReason.SystemNeeded, machine.System is null ? "the server setting lives in SYSTEM, and no SYSTEM source was given" : $"the server setting lives in SYSTEM's current control set: {machine.ControlSetProblem}");
        }
        if (!snapshot.PolicyKnown)
        {
            warnings.Add("No SOFTWARE source: if Group Policy sets the mode, this server setting has no effect.");
        }
        warnings.Add(RestartNote);
        string keyRel = $@"{machine.ControlSetName}\{LicensingPaths.LicensingCore}";
        return Plan($"set the licensing mode to {mode.Name()} ({raw})", warnings, SetIfDifferent(machine.System.Root, keyRel, @"SYSTEM\" + keyRel, value)) with
        {
            LiveFollowUp = new WmiCall("ChangeMode", new Dictionary<string, object> { ["LicensingType"] = raw }),
        };
    }

    /// <summary>Set the license servers the host asks, in order.</summary>
    public static LicensingPlan SetServers(MachineRegistry machine, LicensingSnapshot snapshot, IReadOnlyList<string> servers, bool usePolicy, bool removeLegacy)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(servers);
        if (servers.Count == 0)
        {
            return LicensingPlan.Refuse(ChangeRefusalReason.NoServerNamed, "no license server was named");
        }
        if (servers.Select(ServerNames.Problem).FirstOrDefault(p => p is not null) is { } bad)
        {
            return LicensingPlan.Refuse(ChangeRefusalReason.InvalidServerName, bad);
        }
        var warnings = new List<string>();
        var ops = new List<ChangeOperation>();
        if (usePolicy)
        {
            if (machine.Software is null)
            {
                return LicensingPlan.Refuse(ChangeRefusalReason.SoftwareNeeded, "the local policy value lives in HKLM\\SOFTWARE\\Policies\\…, and no SOFTWARE source was given", PolicyKey);
            }
            warnings.Add("This writes the local policy value; a domain GPO that sets the servers replaces it at the next policy refresh.");
            ops.AddRange(SetIfDifferent(machine.Software.Root, LicensingPaths.Policy, PolicyKey, RegistryValue.FromString("LicenseServers", string.Join(',', servers))));
        }
        else
        {
            if (snapshot.Servers.Source == SettingSource.Policy)
            {
                return LicensingPlan.Refuse(ChangeRefusalReason.PolicyGoverns,
                    $"Group Policy sets the license servers ({snapshot.Servers.From!.Path} = {string.Join(",", snapshot.Servers.Effective)}); writing the server setting would have no effect", snapshot.Servers.From.Path);
            }
            if (machine.System is null || machine.ControlSetName is null)
            {
                return LicensingPlan.Refuse(ChangeRefusalReason.SystemNeeded, machine.System is null ? "the server setting lives in SYSTEM, and no SYSTEM source was given" : $"the server setting lives in SYSTEM's current control set: {machine.ControlSetProblem}");
            }
            if (!snapshot.PolicyKnown)
            {
                warnings.Add("No SOFTWARE source: if Group Policy sets the servers, this server setting has no effect.");
            }
            string keyRel = $@"{machine.ControlSetName}\{LicensingPaths.LicenseServers}";
            ops.AddRange(SetIfDifferent(machine.System.Root, keyRel, @"SYSTEM\" + keyRel, RegistryValue.FromMultiString("SpecifiedLicenseServers", servers)));
        }
        var legacy = snapshot.Servers.Shapes.Where(s => !s.ReadByCurrentWindows).ToList();
        if (legacy.Count > 0 && removeLegacy && machine.System is not null && machine.ControlSetName is not null)
        {
            ops.AddRange(RemoveLegacy(machine));
        }
        warnings.Add(RestartNote);
        return Plan($"set the license servers to {string.Join(", ", servers)}{(usePolicy ? " (policy)" : string.Empty)}", warnings, ops) with
        {
            LegacyShapesKept = removeLegacy ? [] : legacy,
            LiveFollowUp = usePolicy ? null : new WmiCall("SetSpecifiedLicenseServerList", new Dictionary<string, object> { ["SpecifiedLSList"] = servers.ToArray() }),
        };
    }

    /// <summary>Delete the grace-period timebomb (lab use, or a host that already has a license server).</summary>
    public static LicensingPlan ResetGracePeriod(MachineRegistry machine, LicensingSnapshot snapshot, bool lab)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(snapshot);
        var warnings = new List<string> { GraceResetNotRecommended };
        if (machine.System is null || machine.ControlSetName is null)
        {
            return LicensingPlan.Refuse(ChangeRefusalReason.SystemNeeded, machine.System is null ? "the grace period lives in SYSTEM, and no SYSTEM source was given" : $"the grace period lives in SYSTEM's current control set: {machine.ControlSetProblem}", null, [.. warnings]);
        }
        // Microsoft does not recommend a reset anywhere: outside a lab there is always something better to do, so the
        // reset is refused unless the host is marked as a lab, whatever the timebomb and the servers say.
        if (!lab && snapshot.Servers.Effective.Count == 0)
        {
            return LicensingPlan.Refuse(ChangeRefusalReason.NoLicenseServer, "no license server is configured: a reset only postpones the refusal of connections by 120 days, and Microsoft does not recommend it; deploy a license server and point this host at it", null, [.. warnings]);
        }
        if (!lab)
        {
            return LicensingPlan.Refuse(ChangeRefusalReason.GraceNoLongerMatters, $"license servers are configured ({string.Join(", ", snapshot.Servers.Effective)}): Windows counts the grace period down to 0 once a license server is configured, so it no longer matters here and a reset would only re-open an unlicensed window; if connections are refused, check the license servers (event 1128 or 50280 and its causes)", null, [.. warnings]);
        }
        if (!snapshot.GracePeriod.TimebombPresent)
        {
            return new LicensingPlan(new ChangeSet("reset the grace period", []), ["There is no grace-period timebomb to delete."], null);
        }
        if (snapshot.Servers.Effective.Count > 0 && !snapshot.HasX509Certificate)
        {
            warnings.Add($"License servers are configured ({string.Join(", ", snapshot.Servers.Effective)}) but the host holds no RCM 'X509 Certificate' values, so nothing here shows it has ever obtained licensing certificates: a reset will not fix licensing. Check that the license servers are reachable, activated and hold CALs of the mode in use (event 1128 or 50280 and its causes).");
        }
        string keyRel = $@"{machine.ControlSetName}\{LicensingPaths.GracePeriod}";
        var value = machine.System.Root.Open(keyRel)!.GetValue(snapshot.GracePeriod.ValueName!)!;
        warnings.Add(RestartNote);
        warnings.Add("Live, rdscal opens the GracePeriod key with backup/restore privileges so its owner (NETWORK SERVICE) and ACL stay as they are.");
        return Plan("reset the grace period (delete the timebomb)", warnings, [new DeleteValueOperation(@"SYSTEM\" + keyRel, value)]);
    }

    /// <summary>
    /// Delete the client license store (MSLicensing). Refused on an RD Session Host unless <paramref name="force"/>:
    /// licensing errors users see are fixed in the stores on their own machines, and deleting the host's store fixes
    /// none of them.
    /// </summary>
    public static LicensingPlan ResetClientStore(MachineRegistry machine, LicensingSnapshot snapshot, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (machine.Software is null)
        {
            return LicensingPlan.Refuse(ChangeRefusalReason.SoftwareNeeded, "the client license store lives in SOFTWARE, and no SOFTWARE source was given");
        }
        if (snapshot.Host.IsSessionHost == true && !force)
        {
            return LicensingPlan.Refuse(ChangeRefusalReason.ClientStoreOnSessionHost,
                "this machine has the RD Session Host role: the client license store to reset is on the connecting client (the machine running Remote Desktop Connection), not on the session host; reset it there");
        }
        var warnings = new List<string> { "Then run Remote Desktop Connection once as administrator: a standard user cannot recreate HKLM\\SOFTWARE\\Microsoft\\MSLicensing, and connections fail with 'An Error occurred in the Licensing Protocol' until it exists." };
        var store = machine.Software.Root.Open(LicensingPaths.ClientStore);
        if (store is null)
        {
            return new LicensingPlan(new ChangeSet("reset the client license store", []), ["MSLicensing does not exist: nothing to reset."], null);
        }
        return Plan("reset the client license store (delete MSLicensing)", warnings, [new DeleteKeyOperation(@"SOFTWARE\" + LicensingPaths.ClientStore, MemoryKey.CopyOf(store))]);
    }

    /// <summary>Delete the RCM licensing certificate values (Microsoft's fix for licensing protocol errors).</summary>
    public static LicensingPlan ResetCertificates(MachineRegistry machine, LicensingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (machine.System is null || machine.ControlSetName is null)
        {
            return LicensingPlan.Refuse(ChangeRefusalReason.SystemNeeded, machine.System is null ? "the certificates live in SYSTEM, and no SYSTEM source was given" : $"the certificates live in SYSTEM's current control set: {machine.ControlSetProblem}");
        }
        string keyRel = $@"{machine.ControlSetName}\{LicensingPaths.Rcm}";
        var rcm = machine.System.Root.Open(keyRel);
        var ops = LicensingPaths.CertificateValues
            .Select(n => rcm?.GetValue(n))
            .Where(v => v is not null)
            .Select(v => (ChangeOperation)new DeleteValueOperation(@"SYSTEM\" + keyRel, v!))
            .ToList();
        var clients = RemedyText.Of($"Windows recreates them after the host restarts; clients may need '{Mentions.ResetClientStore}' too.");
        return Plan("reset the RCM licensing certificates", [clients.ToString(), RestartNote], ops) with { WarningTexts = [clients, RemedyText.Plain(RestartNote)] };
    }

    /// <summary>Every licensing-related key of a machine (paths under SYSTEM\ and SOFTWARE\), for backups.</summary>
    public static IReadOnlyList<string> LicensingKeys(MachineRegistry machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var keys = new List<string>();
        if (machine.System is not null && machine.ControlSetName is not null)
        {
            foreach (string rel in new[] { LicensingPaths.Rcm, LicensingPaths.TermServiceParameters, LicensingPaths.LicenseServerParameters })
            {
                keys.Add($@"SYSTEM\{machine.ControlSetName}\{rel}");
            }
        }
        if (machine.Software is not null)
        {
            keys.Add(PolicyKey);
            keys.Add(@"SOFTWARE\" + LicensingPaths.ClientStore);
            keys.Add(@"SOFTWARE\" + LicensingPaths.RdsRole);
        }
        return keys;
    }

    /// <summary>The change that makes the keys of a backup .reg exactly as the backup holds them.</summary>
    public static LicensingPlan Restore(RegistryKey machineRoot, Registry.RegText.RegTextDocument backup, string description)
    {
        ArgumentNullException.ThrowIfNull(machineRoot);
        ArgumentNullException.ThrowIfNull(backup);
        var desired = backup.ToTree(RegistryRoot.LocalMachine);
        var ops = new List<ChangeOperation>();
        var tops = backup.Entries.Where(e => e.Kind is Registry.RegText.RegTextEntryKind.Key or Registry.RegText.RegTextEntryKind.DeleteKey)
            .Select(e => (e.Kind, Path: RegistryRoot.BelowLocalMachine(e.KeyPath)))
            .Where(e => e.Path is not null)
            .ToList();
        if (tops.FirstOrDefault(t => t.Kind == Registry.RegText.RegTextEntryKind.DeleteKey && RegistryPath.Split(t.Path!).Length == 1) is { Path: { } hiveRoot })
        {
            return LicensingPlan.Refuse(ChangeRefusalReason.DeletesHiveRoot, $"the backup deletes {RegistryRoot.LocalMachine}\\{hiveRoot}, a whole hive: rdscal never deletes a hive root", hiveRoot);
        }
        // A key is a root of the restore when none of its ancestors is in the file: each path's ancestors are
        // looked up in a set (O(n × depth)); comparing every pair of keys was O(n²).
        var present = tops.Select(t => string.Join('\\', RegistryPath.Split(t.Path!))).ToHashSet(RegistryName.Comparer);
        var roots = tops.Where(t => !HasAncestorIn(present, t.Path!)).ToList();
        foreach (var (kind, path) in roots.DistinctBy(r => r.Path!.ToUpperInvariant()))
        {
            var current = machineRoot.Open(path!);
            var wanted = desired.Open(path!);
            if (wanted is null)
            {
                if (current is not null)
                {
                    ops.Add(new DeleteKeyOperation(path!, MemoryKey.CopyOf(current)));
                }
                continue;
            }
            ops.AddRange(ChangeSetBuilder.MakeEqual(current, wanted, path!));
        }
        return Plan(description, [RestartNote], ops);
    }

    private static bool HasAncestorIn(HashSet<string> paths, string path)
    {
        var parts = RegistryPath.Split(path);
        for (int n = 1; n < parts.Length; n++)
        {
            if (paths.Contains(string.Join('\\', parts[..n])))
            {
                return true;
            }
        }
        return false;
    }

    private static IEnumerable<ChangeOperation> RemoveLegacy(MachineRegistry machine)
    {
        string cs = machine.ControlSetName!;
        var parameters = machine.System!.Root.Open($@"{cs}\{LicensingPaths.TermServiceParameters}");
        string paramsPath = $@"SYSTEM\{cs}\{LicensingPaths.TermServiceParameters}";
        foreach (string name in new[] { "SpecifiedLicenseServers", "DefaultLicenseServer" })
        {
            if (parameters?.GetValue(name) is { } v)
            {
                yield return new DeleteValueOperation(paramsPath, v);
            }
        }
        var ls = parameters?.OpenSubkey("LicenseServers");
        if (ls is not null)
        {
            foreach (var sub in ls.EnumerateSubkeys().ToList())
            {
                yield return new DeleteKeyOperation($@"{paramsPath}\LicenseServers\{sub.Name}", MemoryKey.CopyOf(sub));
            }
        }
    }

    private static IEnumerable<ChangeOperation> SetIfDifferent(RegistryKey hiveRoot, string keyRel, string machinePath, RegistryValue value)
    {
        var old = hiveRoot.Open(keyRel)?.GetValue(value.Name);
        if (old is not null && old.Kind == value.Kind && old.Span.SequenceEqual(value.Span))
        {
            yield break;
        }
        // Missing keys are created one level at a time, so the undo removes exactly what was created.
        var relParts = RegistryPath.Split(keyRel);
        var machineParts = RegistryPath.Split(machinePath);
        int offset = machineParts.Length - relParts.Length;
        RegistryKey? key = hiveRoot;
        for (int i = 0; i < relParts.Length; i++)
        {
            key = key?.OpenSubkey(relParts[i]);
            if (key is null)
            {
                yield return new CreateKeyOperation(string.Join('\\', machineParts[..(offset + i + 1)]));
            }
        }
        yield return new SetValueOperation(machinePath, value, old);
    }

    private static LicensingPlan Plan(string description, IReadOnlyList<string> warnings, IEnumerable<ChangeOperation> ops) =>
        new(new ChangeSet(description, ops), warnings, null);
}

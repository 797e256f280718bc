using System.Diagnostics;
using System.Text.Json;
using RdsCal.Tests;
using Xunit.Abstractions;

namespace RdsCal.Cli.Tests.Engines;

/// <summary>
/// examples/ansible/fleet-status.yml run for real: ansible-playbook over SSH to a throwaway sshd whose loopback
/// addresses are the hosts, each with its own machine folder copied from the scenarios, plus a host whose run
/// fails and a host that does not answer; then the fleet report the playbook made on the controller.
/// </summary>
[Trait("Category", "Engines")]
public sealed class AnsibleFleetTests(ITestOutputHelper log)
{
    /// <summary>Inventory name, loopback address, scenario (null: rdscal is pointed at a hive that is not there).</summary>
    private static readonly (string Name, string Address, string? Scenario)[] Fleet =
    [
        ("rdsh01", "127.0.0.2", "healthy-peruser"),
        ("rdsh02", "127.0.0.3", "policy-overrides"),
        ("rdsh03", "127.0.0.4", "unconfigured"),
        ("rdsh04", "127.0.0.5", "legacy-shapes"),
        ("rdsh05", "127.0.0.6", "workstation-win7"),
        ("rdsh06", "127.0.0.7", null),
    ];

    [EnginesFact("ansible-playbook", "ssh-keygen")]
    public void The_playbook_collects_every_host_goes_on_past_failures_and_audits_the_fleet()
    {
        using var sshd = new LoopbackSshd([.. Fleet.Select(h => h.Address)]);
        string silent = LoopbackSshd.SilentAddress(sshd.Port);
        string work = Directory.CreateTempSubdirectory("rdscal-ansible-").FullName;
        string collect = Path.Combine(work, "collected"), report = Path.Combine(work, "report");
        // The last run's collection, with a host that has since left the inventory: it must not reach the audit.
        Directory.CreateDirectory(Path.Combine(collect, "retired-host"));
        File.WriteAllText(Path.Combine(collect, ".rdscal-collection"), "marker");
        File.Copy(CliRunner.Sample("unconfigured", "SYSTEM.reg"), Path.Combine(collect, "retired-host", "SYSTEM.reg"));

        string inventory = Path.Combine(work, "inventory.ini");
        File.WriteAllLines(inventory, [
            "[rdsh]",
            .. Fleet.Select(h => $"{h.Name} ansible_host={h.Address} rdscal_args='{JsonSerializer.Serialize(HostArguments(work, h.Name, h.Scenario))}'{EventVariables(work, h.Name)}"),
            $"rdsh09 ansible_host={silent}",
            string.Empty,
            "[rdsh:vars]",
            $"ansible_port={sshd.Port}",
            $"ansible_user={LoopbackSshd.User}",
            $"ansible_ssh_private_key_file={sshd.UserKey}",
            "ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=10'",
            "ansible_python_interpreter=/usr/bin/python3",
            $"rdscal_path={BuiltRdscal.Script(work)}",
        ]);
        log.WriteLine(File.ReadAllText(inventory));

        var watch = Stopwatch.StartNew();
        var (exit, output) = Playbook(work, "-i", inventory, Path.Combine(TestData.RepositoryRoot, "examples", "ansible", "fleet-status.yml"),
            "-e", $"collect_dir={collect}", "-e", $"report_dir={report}", "-e", $"rdscal_controller={BuiltRdscal.Script(work)}");
        log.WriteLine($"ansible-playbook: exit {exit} after {watch.Elapsed.TotalSeconds:F1} s for {Fleet.Length + 1} hosts (forks 5, the default)");
        log.WriteLine(output);
        Assert.True(exit == 0, $"ansible-playbook exited {exit}\n{output}\n{sshd.Log}");
        // The run finished: the controller's audit ran and said where its reports are (exit 4: unreadable hosts).
        Assert.Contains($"{report}/fleet.html and fleet.json (rdscal fleet exit code 4)", output, StringComparison.Ordinal);
        Assert.Matches(@"rdsh09\s+: .*unreachable=0 .*ignored=1", output);
        Assert.Matches(@"rdsh06\s+: .*failed=0 .*rescued=1", output);

        var root = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "fleet.json"))).RootElement;
        var hosts = root.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("host").GetString()!);
        Assert.Equal(["WKS-WIN732BITA", "rdsh01", "rdsh02", "rdsh03", "rdsh04", "rdsh06", "rdsh09"], hosts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(7, root.GetProperty("totals").GetProperty("hosts").GetInt32());
        Assert.Equal(2, root.GetProperty("totals").GetProperty("unreadable").GetInt32());

        void Expect(string host, string inventoryName, string mode, string modeSource, string[] servers)
        {
            var c = hosts[host].GetProperty("configuration");
            Assert.Equal((mode, modeSource), (c.GetProperty("mode").GetString(), c.GetProperty("modeSource").GetString()));
            Assert.Equal(servers, c.GetProperty("servers").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(Path.Combine(collect, inventoryName, "status.json"), hosts[host].GetProperty("origin").GetString());
        }
        Expect("rdsh01", "rdsh01", "PerUser", "server", ["lic01.contoso.com"]);
        Expect("rdsh02", "rdsh02", "PerUser", "policy", ["lic01.contoso.com", "lic02.contoso.com"]);
        Expect("rdsh03", "rdsh03", "NotConfigured", "server", []);
        Expect("rdsh04", "rdsh04", "PerDevice", "server", []);
        // The Windows 7 hive reports its own computer name: the audit names it and keeps the inventory name beside it.
        Expect("WKS-WIN732BITA", "rdsh05", "RemoteAdministration", "server", []);
        Assert.Equal("rdsh05", hosts["WKS-WIN732BITA"].GetProperty("collectedAs").GetString());
        Assert.Equal(JsonValueKind.Null, hosts["rdsh01"].GetProperty("collectedAs").ValueKind);

        Assert.Equal("unreadable", hosts["rdsh09"].GetProperty("status").GetString());
        Assert.StartsWith($"not collected: unreachable: Failed to connect to the host via ssh: ssh: connect to host {silent} port {sshd.Port}: Connection refused",
            hosts["rdsh09"].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("unreadable", hosts["rdsh06"].GetProperty("status").GetString());
        Assert.Matches(@"^not collected: rdscal status --json: non-zero return code \(exit code \d+\): rdscal: error: .*/rdsh06/SYSTEM: no such file",
            hosts["rdsh06"].GetProperty("error").GetString());

        // rdscal_events: the events documents arrived beside the status, and parse.
        var events01 = Events(collect, "rdsh01");
        Assert.Equal(1, events01.GetProperty("schemaVersion").GetInt32());
        var e1128 = Assert.Single(events01.GetProperty("events").EnumerateArray());
        Assert.Equal((1128, "System"), (e1128.GetProperty("eventId").GetInt32(), e1128.GetProperty("channel").GetString()));
        Assert.Equal(Path.Combine(work, "hosts", "rdsh01", "evtx", "System.evtx"), Assert.Single(events01.GetProperty("files").EnumerateArray()).GetProperty("path").GetString());
        var events03 = Events(collect, "rdsh03");
        Assert.Empty(events03.GetProperty("events").EnumerateArray());
        Assert.True(Assert.Single(events03.GetProperty("files").EnumerateArray()).GetProperty("records").GetInt64() > 1000);
        // A failed events run leaves a placeholder; the host's status was kept (rdsh02 is in the audit above).
        var failed = Events(collect, "rdsh02").GetProperty("collectionError");
        Assert.Equal("rdsh02", failed.GetProperty("host").GetString());
        Assert.Matches(@"^rdscal events --json: non-zero return code \(exit code \d+\): rdscal: error: .*/rdsh02/no-evtx: no such file", failed.GetProperty("reason").GetString());
        Assert.Matches(@"rdsh02\s+: .*failed=0 .*rescued=1", output);
        Assert.False(File.Exists(Path.Combine(collect, "rdsh04", "events.json")));
        // The audit reads those files: rdsh01's 1128 counted, rdsh02's events said not collected (never "none logged").
        var counted = Assert.Single(hosts["rdsh01"].GetProperty("licensingEvents").GetProperty("byId").EnumerateArray());
        Assert.Equal((1128, 1), (counted.GetProperty("eventId").GetInt32(), counted.GetProperty("count").GetInt32()));
        Assert.Equal(failed.GetProperty("reason").GetString(), hosts["rdsh02"].GetProperty("licensingEvents").GetProperty("unavailable").GetString());
        Assert.False(hosts["rdsh03"].GetProperty("licensingEvents").TryGetProperty("unavailable", out _));

        string html = File.ReadAllText(Path.Combine(report, "fleet.html"));
        Assert.All(hosts.Keys, h => Assert.Contains($">{h}</a>", html, StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(collect, "retired-host")));
    }

    /// <summary>What rdscal is given on a host: that host's copy of its scenario (hives for some, .reg exports for others).</summary>
    private static string[] HostArguments(string work, string name, string? scenario)
    {
        string machine = Directory.CreateDirectory(Path.Combine(work, "hosts", name)).FullName;
        if (scenario is null)
        {
            return ["--system", Path.Combine(machine, "SYSTEM")];
        }
        var args = new List<string>();
        foreach (string file in Directory.GetFiles(TestData.Scenario(scenario)))
        {
            // Half the hosts read .reg exports and half hives, as a fleet of offline copies would mix them.
            bool wantReg = name[^1] % 2 == 0;
            if (Path.GetExtension(file) == ".reg" != wantReg && !file.EndsWith(".gz", StringComparison.Ordinal))
            {
                continue;
            }
            string copy = Path.Combine(machine, Path.GetFileName(file));
            File.Copy(file, copy);
            args.AddRange([Path.GetFileName(file).StartsWith("SYSTEM", StringComparison.Ordinal) ? "--system" : "--software", copy]);
        }
        return [.. args];
    }

    /// <summary>
    /// The events variables of a host: rdsh01 reads a System log holding a legacy 1128 (a real record made one, as
    /// EventsCommandTests does), rdsh03 a real RCM Operational log with no licensing event, rdsh02 a folder that is not
    /// there (its events run fails); the others collect no events.
    /// </summary>
    private static string EventVariables(string work, string name)
    {
        string evtx = Path.Combine(work, "hosts", name, "evtx");
        switch (name)
        {
            case "rdsh01":
                Directory.CreateDirectory(evtx);
                byte[] system = TestData.Bytes(TestData.Real("evtx", "2-vss_7-System.evtx.gz"));
                File.WriteAllBytes(Path.Combine(evtx, "System.evtx"), RdsCal.EventLog.Tests.EvtxSurgery.WithEventId(system, r => r.EventSourceName == "TermService" && r.EventId == 1056, 1128));
                break;
            case "rdsh03":
                Directory.CreateDirectory(evtx);
                const string rcm = "2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager-Operational.evtx.gz";
                File.Copy(TestData.Real("evtx", rcm), Path.Combine(evtx, rcm));
                break;
            case "rdsh02":
                evtx = Path.Combine(work, "hosts", name, "no-evtx");
                break;
            default:
                return string.Empty;
        }
        return $" rdscal_events=true rdscal_events_args='{JsonSerializer.Serialize(new[] { evtx })}'";
    }

    private static JsonElement Events(string collect, string host) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(collect, host, "events.json"))).RootElement;

    private static (int Exit, string Output) Playbook(string work, params string[] args)
    {
        var start = new ProcessStartInfo("ansible-playbook") { WorkingDirectory = work };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        // Ansible's state stays in the test's folder, on the controller and on the "hosts" (this machine too): temporary
        // files, module transfers and SSH control sockets; no colour in the log.
        start.Environment["ANSIBLE_HOME"] = Path.Combine(work, ".ansible");
        start.Environment["ANSIBLE_LOCAL_TEMP"] = Path.Combine(work, ".ansible", "tmp");
        start.Environment["ANSIBLE_REMOTE_TEMP"] = Path.Combine(work, ".ansible", "remote");
        start.Environment["ANSIBLE_SSH_CONTROL_PATH_DIR"] = Path.Combine(work, ".ansible", "cp");
        start.Environment["ANSIBLE_NOCOLOR"] = "1";
        start.Environment["ANSIBLE_SSH_ARGS"] = "-o ControlMaster=auto -o ControlPersist=5s";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var (exit, stdout, stderr) = ExternalTool.Run(start, TimeSpan.FromMinutes(5));
        return (exit, stdout + stderr);
    }
}

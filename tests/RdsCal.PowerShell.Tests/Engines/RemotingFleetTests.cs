using System.Text.Json;
using RdsCal.Tests;
using Xunit.Abstractions;

namespace RdsCal.PowerShell.Tests.Engines;

/// <summary>
/// PowerShell remoting over SSH for real: pwsh 7.6.9 is the <c>powershell</c> subsystem of a throwaway sshd on loopback
/// addresses, each address one host reading its own copy of a scenario machine; a caller pwsh opens the sessions,
/// runs Get-RdsCalStatus on every host with a throttle limit, and audits the deserialized objects with
/// ConvertTo-RdsCalFleetReport, beside a host that does not answer.
/// </summary>
[Trait("Category", "Engines")]
public sealed class RemotingFleetTests(ITestOutputHelper log)
{
    private static readonly (string Name, string Address, string Scenario)[] Fleet =
    [
        ("rdsh01", "127.0.0.2", "healthy-peruser"),
        ("rdsh02", "127.0.0.3", "policy-overrides"),
        ("rdsh03", "127.0.0.4", "unconfigured"),
        ("rdsh04", "127.0.0.5", "workstation-win7"),
    ];

    [EnginesFact("ssh", "ssh-keygen")]
    public void Statuses_survive_the_trip_and_the_caller_audits_them_as_rdscal_fleet_does()
    {
        string pwsh = Pwsh.Executable;
        using var sshd = new LoopbackSshd([.. Fleet.Select(h => h.Address)], new Dictionary<string, string> { ["powershell"] = $"{pwsh} -sshs -NoLogo -NoProfile" });
        string silent = LoopbackSshd.SilentAddress(sshd.Port);
        using var temp = new TempFolder();
        string work = temp.Path;
        var machines = new Dictionary<string, string>();
        foreach (var (name, address, scenario) in Fleet)
        {
            string folder = Directory.CreateDirectory(Path.Combine(work, "machines", name)).FullName;
            foreach (string file in Directory.GetFiles(TestData.Scenario(scenario)).Where(f => !f.EndsWith(".reg", StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }
            machines[address] = folder;
        }
        string module = Path.Combine(AppContext.BaseDirectory, "RdsCal.psd1");
        string table = string.Join("; ", machines.Select(m => $"{Pwsh.Quote(m.Key)} = {Pwsh.Quote(m.Value)}"));
        string hosts = string.Join(",", Fleet.Select(h => Pwsh.Quote(h.Address)).Append(Pwsh.Quote(silent)));
        // The command docs/fleet.md shows. Each loopback address stands for a host: the script block reads the machine
        // copy made for the address it was reached on (SSH_CONNECTION's third field) where a real host reads its live
        // registry with a bare Get-RdsCalStatus.
        string script = $$"""
            $module = {{Pwsh.Quote(module)}}
            $machines = @{ {{table}} }
            $sessions = New-PSSession -HostName {{hosts}} -Port {{sshd.Port}} -UserName {{LoopbackSshd.User}} -KeyFilePath {{Pwsh.Quote(sshd.UserKey)}} `
                -Options @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null' } -ErrorAction SilentlyContinue -ErrorVariable failed
            $statuses = Invoke-Command -Session $sessions -ThrottleLimit 2 -ScriptBlock {
                Import-Module $using:module
                Get-RdsCalStatus -Path ($using:machines)[($env:SSH_CONNECTION -split ' ')[2]]
            }
            $sessions | Remove-PSSession
            # What remoting brings back: nested properties flattened to text, StatusJson whole.
            $statuses | ForEach-Object { "received $($_.PSComputerName) $($_.PSObject.TypeNames[0]) LicensingMode is $($_.LicensingMode.GetType().Name)" }
            Import-Module $module
            $report = @($statuses) + @($failed) | ConvertTo-RdsCalFleetReport -Baseline rdsh01 -HtmlPath fleet.html -JsonPath fleet.json -CsvPath fleet.csv
            "groups $($report.Groups.Count) unreadable $($report.Unreadable)"
            """;
        File.WriteAllText(Path.Combine(work, "fleet.ps1"), script);
        var (exit, output, err) = Pwsh.Command($"Set-Location {Pwsh.Quote(work)}; & ./fleet.ps1");
        log.WriteLine(script);
        log.WriteLine(output);
        log.WriteLine(err);
        Assert.True(exit == 0, $"{output}\n{err}\n{sshd.Log}");

        foreach (var (_, address, _) in Fleet)
        {
            Assert.Contains($"received {address} Deserialized.RdsCal.PowerShell.RdsCalStatus LicensingMode is String", output, StringComparison.Ordinal);
        }
        Assert.Contains("groups 4 unreadable 1", output, StringComparison.Ordinal);

        var root = JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "fleet.json"))).RootElement;
        var byHost = root.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("host").GetString()!);
        Assert.Equal([silent, "WKS-WIN732BITA", "rdsh01", "rdsh02", "rdsh03"], byHost.Keys.Order(StringComparer.Ordinal));
        void Expect(string host, string collectedAs, string mode, string modeSource, string[] servers, string[] codes)
        {
            var h = byHost[host];
            var c = h.GetProperty("configuration");
            Assert.Equal(collectedAs, h.GetProperty("collectedAs").GetString());
            Assert.Equal($"{collectedAs}: Get-RdsCalStatus", h.GetProperty("origin").GetString());
            Assert.Equal((mode, modeSource), (c.GetProperty("mode").GetString(), c.GetProperty("modeSource").GetString()));
            Assert.Equal(servers, c.GetProperty("servers").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(codes, c.GetProperty("findingCodes").EnumerateArray().Select(s => s.GetString()));
        }
        // The finding codes rdscal status gives for these scenarios: nothing was lost on the way.
        Expect("rdsh01", "127.0.0.2", "PerUser", "server", ["lic01.contoso.com"], ["RDS004"]);
        Expect("rdsh02", "127.0.0.3", "PerUser", "policy", ["lic01.contoso.com", "lic02.contoso.com"], ["RDS003", "RDS004", "RDS012"]);
        Expect("rdsh03", "127.0.0.4", "NotConfigured", "server", [], ["RDS001", "RDS002"]);
        Expect("WKS-WIN732BITA", "127.0.0.5", "RemoteAdministration", "server", [], ["RDS009", "RDS011"]);
        Assert.Equal("unreadable", byHost[silent].GetProperty("status").GetString());
        Assert.StartsWith("not collected: The SSH client session has ended", byHost[silent].GetProperty("error").GetString(), StringComparison.Ordinal);

        // The same grouping as rdscal fleet: every group other than the norm (here the baseline host) lists its exact differences.
        var groups = root.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(4, groups.Count);
        var unconfigured = groups.Single(g => g.GetProperty("hosts")[0].GetString() == "rdsh03");
        Assert.Contains(unconfigured.GetProperty("differences").EnumerateArray(), d => d.GetProperty("setting").GetString() == "findings");
        Assert.Equal(6, File.ReadAllLines(Path.Combine(work, "fleet.csv")).Length);
        Assert.All(byHost.Keys, h => Assert.Contains($">{h}</a>", File.ReadAllText(Path.Combine(work, "fleet.html")), StringComparison.Ordinal));
    }
}

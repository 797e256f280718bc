using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Probes;
using RdsCal.Licensing.Reports;

namespace RdsCal.Licensing.Tests.Probes;

/// <summary>The whole probe over loopback peers and fake WMI: rows in order, skips, findings and the JSON contract.</summary>
public class LicenseServerProbeTests
{
    // Generous: a loopback peer that accepts or refuses answers at once; the bound only matters on a loaded machine.
    private static ProbeOptions Options(int rpcPort, int smbPort) =>
        new() { Timeout = TimeSpan.FromSeconds(5), RpcPort = rpcPort, SmbPort = smbPort, SessionHostIsHere = true };

    // 127.0.0.1 with both port checks pointed at one listener that accepts.
    private static async Task<ProbeReport> ProbeAcceptingLoopback(FakeWmi wmi, Snapshot.LicensingSnapshot? host = null)
    {
        using var listener = LoopbackListeners.Accepting(IPAddress.Loopback);
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return await new LicenseServerProbe(wmi.Queries, Options(port, port) with { SessionHost = host }).RunAsync(ProbeTargets.Given(["127.0.0.1"]));
    }

    // Names that resolve nowhere: the WMI rows do not depend on the network ones, and nothing leaves the machine.
    private static Task<ProbeReport> ProbeUnresolvable(FakeWmi wmi, Snapshot.LicensingSnapshot host, params string[] names) =>
        new LicenseServerProbe(wmi.Queries, Options(1, 1) with { SessionHost = host }).RunAsync(ProbeTargets.Given(names));

    private static Snapshot.LicensingSnapshot PerUser2019Host() =>
        TestMachine.SessionHost().Mode(4).Named("RDSH1").Version("17763", "Windows Server 2019 Standard").Snapshot();

    [Fact]
    public async Task Every_server_answering_no_CALs_of_the_hosts_mode_makes_one_RDS021_with_each_servers_answer()
    {
        var wmi = new FakeWmi(activation: FakeWmi.Activation(WmiAnswerStatus.Answered, 0, 0))
        {
            // Per Device CALs only, on a Per User host.
            KeyPacks = KeyPackList.Of([new KeyPack(5, 2, 0, 4, null, 20, 0, 20, null, null)]),
        };

        var report = await ProbeUnresolvable(wmi, PerUser2019Host(), "ls1.probe.invalid", "ls2.probe.invalid");

        var finding = Assert.Single(report.Findings, f => f.Code == "RDS021");
        Assert.Equal("No license server probed holds available Per User CALs of a version this host accepts (ls1.probe.invalid, ls2.probe.invalid).", finding.Message);
        Assert.Equal(
            ["ls1.probe.invalid: cals-match: no Per User CAL is available on this server (the host's mode asks for Per User CALs; see cals for what is installed)",
             "ls2.probe.invalid: cals-match: no Per User CAL is available on this server (the host's mode asks for Per User CALs; see cals for what is installed)"],
            finding.Evidence);
        Assert.Equal(RdsCal.Licensing.Rules.RemedyTarget.LicenseServer, finding.AppliesTo);
    }

    [Fact]
    public async Task No_RDS021_while_any_server_could_not_be_asked()
    {
        var wmi = new FakeWmi(activation: FakeWmi.Activation(WmiAnswerStatus.Answered, 0, 0)) { KeyPacks = KeyPackList.Of([]) };
        var unreadable = new FakeWmi(activation: FakeWmi.Activation(WmiAnswerStatus.Answered, 0, 0));
        var host = PerUser2019Host();

        var one = await ProbeUnresolvable(wmi, host, "ls1.probe.invalid");
        var other = await ProbeUnresolvable(unreadable, host, "ls1.probe.invalid");

        Assert.Contains(one.Findings, f => f.Code == "RDS021");
        Assert.DoesNotContain(other.Findings, f => f.Code == "RDS021");
        Assert.Equal(ProbeOutcome.Unavailable, other.Servers[0].Checks.Single(c => c.Check == ProbeCheck.CalsMatch).Outcome);
    }

    [Fact]
    public async Task A_license_server_refusing_this_host_makes_RDS013_an_error_and_outside_the_domain_group_RDS015()
    {
        var wmi = new FakeWmi
        {
            SecureAccess = FakeWmi.Said("IsSecureAccessAllowed", false),
            InTscGroup = FakeWmi.Said("IsTSinTSCGroup", false),
            InTslsGroup = FakeWmi.Said("IsLSinTSLSGroup", false),
        };

        var report = await ProbeUnresolvable(wmi, PerUser2019Host(), "ls1.probe.invalid");

        var refused = Assert.Single(report.Findings, f => f.Code == "RDS013");
        Assert.Equal(RdsCal.Licensing.Rules.Severity.Error, refused.Severity);
        Assert.Equal("License server ls1.probe.invalid says it does not let RDSH1 request CALs (IsSecureAccessAllowed returned false).", refused.Message);
        Assert.StartsWith("groups: IsSecureAccessAllowed(RDSH1) returned false", refused.Evidence.Single(), StringComparison.Ordinal);
        var outside = Assert.Single(report.Findings, f => f.Code == "RDS015");
        Assert.Equal("License server ls1.probe.invalid says it is not in the Terminal Server License Servers group of its domain, and this host uses Per User CALs.", outside.Message);
        Assert.Equal(ProbeOutcome.Problem, report.Servers[0].Checks.Single(c => c.Check == ProbeCheck.Groups).Outcome);
    }

    [Fact]
    public async Task Without_the_session_hosts_name_the_per_host_group_methods_are_not_asked()
    {
        var wmi = new FakeWmi { InTslsGroup = FakeWmi.Said("IsLSinTSLSGroup", true) };
        var host = TestMachine.SessionHost().Mode(2).Snapshot();

        var report = await new LicenseServerProbe(wmi.Queries, Options(1, 1) with { SessionHost = host, SessionHostIsHere = false }).RunAsync(ProbeTargets.Given(["ls1.probe.invalid"]));

        var groups = report.Servers[0].Checks.Single(c => c.Check == ProbeCheck.Groups);
        Assert.Equal(ProbeOutcome.Unavailable, groups.Outcome);
        Assert.StartsWith("IsSecureAccessAllowed(this host): WMI is not available: not asked: the session host's computer name is unknown", groups.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain(wmi.Asked, a => a.StartsWith("IsSecureAccessAllowed", StringComparison.Ordinal) || a.StartsWith("IsTSinTSCGroup", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reachable_activated_server_has_ok_rows_only_where_an_answer_said_ok_and_no_finding()
    {
        var wmi = new FakeWmi(FakeWmi.Connectivity(WmiAnswerStatus.Answered, 11, 0), FakeWmi.Activation(WmiAnswerStatus.Answered, 0, 0))
        {
            KeyPacks = KeyPackList.Of([new KeyPack(2, 2, 1, 4, null, 50, 10, 40, DateTimeOffset.MaxValue, null)]),
            SecureAccess = FakeWmi.Said("IsSecureAccessAllowed", true),
            InTscGroup = FakeWmi.Said("IsTSinTSCGroup", true),
            InTslsGroup = FakeWmi.Said("IsLSinTSLSGroup", true),
            PipeAnswer = new PipeAnswer(PipeStatus.Opened),
        };
        var host = TestMachine.SessionHost().Mode(4).Named("RDSH1").Domain("corp.invalid").Version("9600", "Windows Server 2012 R2 Standard").Snapshot();

        var report = await ProbeAcceptingLoopback(wmi, host);

        var rows = Assert.Single(report.Servers).Checks;
        Assert.Equal(
            ["dns ok", "tcp135 ok", "tcp445 ok", "pipe ok", "connectivity ok", "activation ok", "cals ok", "groups ok", "cals-match ok"],
            rows.Select(r => $"{ProbeCheckNames.Of(r.Check)} {ProbeCheckNames.Of(r.Outcome)}{(r.Outcome == ProbeOutcome.Problem ? " " + r.Evidence : "")}"));
        Assert.Empty(report.Findings);
        Assert.Equal(
            ["FindLicenseServers", "pipe 127.0.0.1", "connectivity 127.0.0.1", "activation 127.0.0.1", "key packs 127.0.0.1", "IsSecureAccessAllowed 127.0.0.1 RDSH1", "IsTSinTSCGroup 127.0.0.1 RDSH1", "IsLSinTSLSGroup 127.0.0.1 corp.invalid"],
            wmi.Asked);
        Assert.Contains("as the computer account (NETWORK SERVICE)", rows[4].RanFrom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_ports_make_an_RDS019_finding_with_the_rows_as_evidence()
    {
        using var bound = LoopbackListeners.Refusing(IPAddress.Loopback);
        int port = ((IPEndPoint)bound.LocalEndPoint!).Port;
        var wmi = new FakeWmi(activation: FakeWmi.Activation(WmiAnswerStatus.RpcUnavailable, detail: "0x800706BA"));

        var report = await new LicenseServerProbe(wmi.Queries, Options(port, port)).RunAsync(ProbeTargets.Given(["127.0.0.1"]));

        var finding = Assert.Single(report.Findings);
        Assert.Equal("RDS019", finding.Code);
        Assert.StartsWith("License server 127.0.0.1 cannot be reached from this machine (", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("): tcp135, tcp445 failed.", finding.Message, StringComparison.Ordinal);
        Assert.Equal(2, finding.Evidence.Count);
        Assert.All(finding.Evidence, e => Assert.Contains($"127.0.0.1:{port} ConnectionRefused", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_skips_the_port_checks_with_the_reason()
    {
        var report = await new LicenseServerProbe(new FakeWmi().Queries, Options(1, 1)).RunAsync(ProbeTargets.Given(["ls1.probe.invalid"]));

        var rows = report.Servers[0].Checks;
        Assert.Equal(ProbeOutcome.Problem, rows[0].Outcome);
        Assert.All(rows.Skip(1).Take(2), r => Assert.Equal((ProbeOutcome.Skipped, "not run: ls1.probe.invalid does not resolve (see dns)"), (r.Outcome, r.Evidence)));
        Assert.Equal("dns: " + rows[0].Evidence, Assert.Single(report.Findings).Evidence.Single());
    }

    [Fact]
    public async Task Not_connectable_and_not_activated_answers_make_RDS019_and_RDS020()
    {
        var wmi = new FakeWmi(FakeWmi.Connectivity(WmiAnswerStatus.Answered, 6, 0), FakeWmi.Activation(WmiAnswerStatus.Answered, 1, 0));

        var report = await ProbeAcceptingLoopback(wmi);

        Assert.Equal(["RDS019", "RDS020"], report.Findings.Select(f => f.Code));
        Assert.Equal("connectivity: Win32_TerminalServiceSetting.GetTStoLSConnectivityStatus returned 0, status 6 (LS_NOT_CONNECTABLE): the session host cannot connect to the license server; Win32_TerminalServiceSetting.FindLicenseServers: WMI is not available: no fake answer", report.Findings[0].Evidence.Single());
        Assert.Equal("License server 127.0.0.1 says it is not activated.", report.Findings[1].Message);
        Assert.Equal("activation: Win32_TSLicenseServer.GetActivationStatus returned 0, status 1: not activated", report.Findings[1].Evidence.Single());
    }

    [Fact]
    public async Task Probing_a_hives_servers_from_elsewhere_skips_the_session_hosts_own_verdict()
    {
        var wmi = new FakeWmi(FakeWmi.Connectivity(WmiAnswerStatus.Answered, 11, 0));

        var report = await new LicenseServerProbe(wmi.Queries, Options(1, 1) with { SessionHostIsHere = false }).RunAsync(ProbeTargets.Given(["ls1.probe.invalid"]));

        var connectivity = report.Servers[0].Checks.Single(r => r.Check == ProbeCheck.Connectivity);
        Assert.Equal(ProbeOutcome.Skipped, connectivity.Outcome);
        Assert.StartsWith("not run: the session host is the hive's machine, not this one", connectivity.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("connectivity ls1.probe.invalid", wmi.Asked);
    }

    [Fact]
    public async Task The_json_contract_has_exactly_the_documented_fields()
    {
        var report = await new LicenseServerProbe(new FakeWmi().Queries, Options(1, 1)).RunAsync(ProbeTargets.Given(["ls1.probe.invalid"]));
        var text = new StringWriter();

        ProbeJsonWriter.Write(report, text);

        using var doc = JsonDocument.Parse(text.ToString());
        var root = doc.RootElement;
        Assert.Equal(["schemaVersion", "servers", "findings"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        var server = Assert.Single(root.GetProperty("servers").EnumerateArray().ToList());
        Assert.Equal(["name", "source", "checks"], server.EnumerateObject().Select(p => p.Name));
        Assert.Equal("given", server.GetProperty("source").GetString());
        string[] checks = ["dns", "tcp135", "tcp445", "pipe", "connectivity", "activation", "cals", "groups", "cals-match"];
        string[] outcomes = ["ok", "problem", "unavailable", "skipped"];
        Assert.Equal(checks, server.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("check").GetString()));
        foreach (var check in server.GetProperty("checks").EnumerateArray())
        {
            Assert.Equal(["check", "outcome", "evidence", "elapsedMs"], check.EnumerateObject().Select(p => p.Name));
            Assert.Contains(check.GetProperty("outcome").GetString(), outcomes);
            Assert.Equal(JsonValueKind.String, check.GetProperty("evidence").ValueKind);
            Assert.True(check.GetProperty("elapsedMs").GetInt64() >= 0);
        }
        var finding = Assert.Single(root.GetProperty("findings").EnumerateArray().ToList());
        Assert.Equal("RDS019", finding.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("ls1", "probe.invalid", true, "ls1.probe.invalid", "configured as ls1; qualified with the hive's primary DNS suffix probe.invalid")]
    [InlineData("ls1", "probe.invalid", false, "ls1", null)]
    [InlineData("ls1.other.invalid", "probe.invalid", true, "ls1.other.invalid", null)]
    [InlineData("127.0.0.1", "probe.invalid", true, "127.0.0.1", null)]
    [InlineData("ls1", "", true, "ls1", null)]
    public void A_hives_short_names_are_qualified_with_its_dns_suffix_and_the_note_says_so(string configured, string suffix, bool qualify, string probed, string? note)
    {
        var snapshot = TestMachine.SessionHost().Servers(configured).Domain(suffix).Snapshot();

        var target = Assert.Single(ProbeTargets.From(snapshot, qualify));

        Assert.Equal((probed, note, ProbeServerSource.ServerSetting), (target.Name, target.Note, target.Source));
    }
}

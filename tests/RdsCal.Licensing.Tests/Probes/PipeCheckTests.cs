using System.Net;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Probes;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests.Probes;

/// <summary>The <c>pipe</c> row: ok only when the pipe opened; every other answer worded; skipped when SMB is not there.</summary>
public class PipeCheckTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData((int)PipeStatus.Opened, null, ProbeOutcome.Ok, @"\\ls1\pipe\HYDRALSPIPE opened: the Remote Desktop Licensing service's pipe is listening")]
    [InlineData((int)PipeStatus.TimedOut, "The operation has timed out.", ProbeOutcome.Problem, @"\\ls1\pipe\HYDRALSPIPE did not open within 2000 ms: no such pipe (the Remote Desktop Licensing service is not running there) or every instance is busy (The operation has timed out.)")]
    [InlineData((int)PipeStatus.NotFound, "0x80070002: not found", ProbeOutcome.Problem, @"\\ls1\pipe\HYDRALSPIPE: no such pipe: the Remote Desktop Licensing service is not running there, or not installed (0x80070002: not found)")]
    [InlineData((int)PipeStatus.Unreachable, "0x80070035: The network path was not found.", ProbeOutcome.Problem, @"\\ls1\pipe\HYDRALSPIPE: the server cannot be reached over SMB (named pipes) (0x80070035: The network path was not found.)")]
    [InlineData((int)PipeStatus.AccessDenied, "0x80070005: Access is denied.", ProbeOutcome.Unavailable, @"\\ls1\pipe\HYDRALSPIPE: this account was refused (the SMB session or the pipe denied access), so whether the service listens is not known (0x80070005: Access is denied.)")]
    [InlineData((int)PipeStatus.Failed, "0x800700E7: All pipe instances are busy.", ProbeOutcome.Unavailable, @"\\ls1\pipe\HYDRALSPIPE: could not be opened (0x800700E7: All pipe instances are busy.)")]
    [InlineData((int)PipeStatus.Unavailable, "named pipes to another machine (SMB) are opened only on Windows", ProbeOutcome.Unavailable, @"\\ls1\pipe\HYDRALSPIPE: not opened: named pipes to another machine (SMB) are opened only on Windows")]
    public void Every_answer_has_its_outcome_and_wording(int status, string? detail, ProbeOutcome outcome, string evidence)
    {
        // PipeStatus is internal; xunit needs public signatures, so the theory passes its number.
        var row = PipeCheck.Row("ls1", new PipeAnswer((PipeStatus)status, detail), Timeout, 5, "here");

        Assert.Equal((ProbeCheck.Pipe, outcome, evidence, 5L, "here"), (row.Check, row.Outcome, row.Evidence, row.ElapsedMs, row.RanFrom));
    }

    [Theory]
    [InlineData(unchecked((int)0x80070002), (int)PipeStatus.NotFound)]
    [InlineData(unchecked((int)0x80070005), (int)PipeStatus.AccessDenied)]
    [InlineData(unchecked((int)0x8007052E), (int)PipeStatus.AccessDenied)]
    [InlineData(unchecked((int)0x80070035), (int)PipeStatus.Unreachable)]
    [InlineData(unchecked((int)0x80070043), (int)PipeStatus.Unreachable)]
    [InlineData(unchecked((int)0x800704CF), (int)PipeStatus.Unreachable)]
    [InlineData(unchecked((int)0x800700E7), (int)PipeStatus.Failed)]
    public void Win32_errors_map_to_their_status(int hresult, int status) =>
        Assert.Equal((PipeStatus)status, PipeAnswer.StatusOf(hresult));

    [Fact]
    public async Task A_pipe_that_does_not_open_behind_accepting_ports_is_an_RDS019_cause()
    {
        using var listener = LoopbackListeners.Accepting(IPAddress.Loopback);
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var wmi = new FakeWmi { PipeAnswer = new PipeAnswer(PipeStatus.TimedOut, "The operation has timed out.") };

        var report = await new LicenseServerProbe(wmi.Queries, new ProbeOptions { Timeout = TimeSpan.FromSeconds(5), RpcPort = port, SmbPort = port })
            .RunAsync(ProbeTargets.Given(["127.0.0.1"]));

        var rows = Assert.Single(report.Servers).Checks;
        Assert.Equal(["ok", "ok", "ok", "problem"], rows.Take(4).Select(r => ProbeCheckNames.Of(r.Outcome)));
        Assert.Equal(ProbeCheck.Pipe, rows[3].Check);
        var finding = Assert.Single(report.Findings);
        Assert.Equal("RDS019", finding.Code);
        Assert.EndsWith(": pipe failed.", finding.Message, StringComparison.Ordinal);
        Assert.StartsWith(@"pipe: \\127.0.0.1\pipe\HYDRALSPIPE did not open within 5000 ms", Assert.Single(finding.Evidence), StringComparison.Ordinal);
        Assert.Contains("pipe 127.0.0.1", wmi.Asked);
    }

    [Fact]
    public async Task The_pipe_is_not_opened_when_SMB_refuses_or_the_name_does_not_resolve()
    {
        using var bound = LoopbackListeners.Refusing(IPAddress.Loopback);
        int port = ((IPEndPoint)bound.LocalEndPoint!).Port;
        var wmi = new FakeWmi { PipeAnswer = new PipeAnswer(PipeStatus.Opened) };

        var report = await new LicenseServerProbe(wmi.Queries, new ProbeOptions { Timeout = TimeSpan.FromSeconds(5), RpcPort = port, SmbPort = port })
            .RunAsync(ProbeTargets.Given(["127.0.0.1", "ls1.probe.invalid"]));

        var refused = report.Servers[0].Checks.Single(c => c.Check == ProbeCheck.Pipe);
        Assert.Equal((ProbeOutcome.Skipped, "not run: 127.0.0.1 does not accept SMB (see tcp445), which the pipe needs"), (refused.Outcome, refused.Evidence));
        var unresolved = report.Servers[1].Checks.Single(c => c.Check == ProbeCheck.Pipe);
        Assert.Equal((ProbeOutcome.Skipped, "not run: ls1.probe.invalid does not resolve (see dns)"), (unresolved.Outcome, unresolved.Evidence));
        Assert.DoesNotContain(wmi.Asked, a => a.StartsWith("pipe ", StringComparison.Ordinal));
    }

    [OffWindowsFact]
    public void Off_Windows_the_pipe_is_unavailable_with_the_reason()
    {
        var answer = LiveQueries.ThisMachine().Pipe.Open("127.0.0.1", Timeout);

        Assert.Equal(new PipeAnswer(PipeStatus.Unavailable, "named pipes to another machine (SMB) are opened only on Windows"), answer);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RdsCal.Licensing.Probes;

namespace RdsCal.Licensing.Tests.Probes;

/// <summary>The dns/tcp checks against loopback peers only: accepting, refusing and silent ports told apart, timeouts bounded.</summary>
public class NetworkChecksTests
{
    // Accepting and refusing peers answer at once: the bound is generous so a loaded machine does not fail them.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(700);

    [Fact]
    public async Task Localhost_resolves_and_the_addresses_are_listed()
    {
        var (row, addresses) = await NetworkChecks.ResolveAsync("localhost", Generous);

        Assert.Equal(ProbeOutcome.Ok, row.Outcome);
        Assert.Equal(ProbeCheck.Dns, row.Check);
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.True(IPAddress.IsLoopback(a)));
        Assert.Contains(addresses[0].ToString(), row.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_under_invalid_fails_fast_as_a_problem_with_the_resolver_error()
    {
        var clock = Stopwatch.StartNew();
        var (row, addresses) = await NetworkChecks.ResolveAsync("no-such-license-server.invalid", TimeSpan.FromSeconds(3));

        Assert.Equal(ProbeOutcome.Problem, row.Outcome);
        Assert.Empty(addresses);
        // HostNotFound where a DNS server answers NXDOMAIN; TryAgain inside a network namespace with no resolver at all.
        Assert.Matches(@"^the system resolver failed: (HostNotFound|TryAgain) \(socket error -?\d+\): ", row.Evidence);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_listener_that_accepts_is_ok()
    {
        var address = IPAddress.Parse("127.0.0.2");
        using var listener = LoopbackListeners.Accepting(address);
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var row = await NetworkChecks.ConnectAsync(ProbeCheck.Tcp135, [address], port, Generous);

        Assert.Equal(ProbeOutcome.Ok, row.Outcome);
        Assert.Equal($"127.0.0.2:{port} accepted", row.Evidence);
    }

    [Fact]
    public async Task A_port_that_refuses_is_a_problem_with_the_socket_error()
    {
        using var bound = LoopbackListeners.Refusing(IPAddress.Loopback);
        int port = ((IPEndPoint)bound.LocalEndPoint!).Port;

        var row = await NetworkChecks.ConnectAsync(ProbeCheck.Tcp445, [IPAddress.Loopback], port, Generous);

        Assert.Equal(ProbeOutcome.Problem, row.Outcome);
        Assert.StartsWith($"127.0.0.1:{port} ConnectionRefused (socket error ", row.Evidence, StringComparison.Ordinal);
        Assert.True(row.ElapsedMs < Generous.TotalMilliseconds, $"a refusal is immediate, took {row.ElapsedMs} ms");
    }

    [Fact]
    public async Task A_port_that_never_answers_is_a_problem_no_answer_and_the_timeout_holds()
    {
        var address = IPAddress.Parse("127.0.0.3");
        var (listener, fillers) = LoopbackListeners.Silent(address);
        try
        {
            int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            var clock = Stopwatch.StartNew();

            var row = await NetworkChecks.ConnectAsync(ProbeCheck.Tcp135, [address], port, Short);

            Assert.Equal(ProbeOutcome.Problem, row.Outcome);
            Assert.Equal($"127.0.0.3:{port} no answer within 700 ms", row.Evidence);
            // At least the timeout (it waited), and not much more (it held): the upper bound allows for a loaded machine.
            Assert.InRange(clock.ElapsedMilliseconds, 650, 4000);
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
            listener.Dispose();
        }
    }

    [Fact]
    public async Task The_first_address_that_accepts_wins_and_the_refusals_before_it_are_kept_as_evidence()
    {
        using var bound = LoopbackListeners.Refusing(IPAddress.Parse("127.0.0.4"));
        int port = ((IPEndPoint)bound.LocalEndPoint!).Port;
        using var listener = new TcpListener(IPAddress.Parse("127.0.0.5"), port);
        listener.Start();
        var row = await NetworkChecks.ConnectAsync(ProbeCheck.Tcp445, [IPAddress.Parse("127.0.0.4"), IPAddress.Parse("127.0.0.5")], port, Generous);

        Assert.Equal(ProbeOutcome.Ok, row.Outcome);
        Assert.Matches($@"^127\.0\.0\.4:{port} ConnectionRefused .*; 127\.0\.0\.5:{port} accepted$", row.Evidence);
    }
}

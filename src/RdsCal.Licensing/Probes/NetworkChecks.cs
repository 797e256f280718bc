using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RdsCal.Licensing.Probes;

/// <summary>
/// The checks that need only a network stack, so they run on any OS: name resolution and TCP connects, each bounded
/// by a timeout that holds whatever the resolver or the peer does (an unanswered SYN, a hanging resolver).
/// </summary>
public static class NetworkChecks
{
    /// <summary>Resolves <paramref name="name"/> with the system resolver; ok lists the addresses.</summary>
    /// <returns>The row, and the addresses (empty unless ok).</returns>
    public static async Task<(ProbeResult Result, IReadOnlyList<IPAddress> Addresses)> ResolveAsync(string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var clock = Stopwatch.StartNew();
        ProbeResult Row(ProbeOutcome outcome, string evidence) => new(ProbeCheck.Dns, outcome, evidence, clock.ElapsedMilliseconds, HereAndAccount.Machine);
        try
        {
            // WaitAsync bounds the wait even where the platform cannot cancel getaddrinfo itself.
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cancel.CancelAfter(timeout);
            var addresses = await Dns.GetHostAddressesAsync(name, cancel.Token).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return addresses.Length == 0
                ? (Row(ProbeOutcome.Problem, "the system resolver answered with no address"), [])
                : (Row(ProbeOutcome.Ok, "system resolver: " + string.Join(", ", addresses.Select(a => a.ToString()))), addresses);
        }
        catch (SocketException e)
        {
            return (Row(ProbeOutcome.Problem, $"the system resolver failed: {SocketError(e)}"), []);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (Row(ProbeOutcome.Problem, $"no answer from the system resolver within {Ms(timeout)} ms"), []);
        }
    }

    /// <summary>
    /// Connects to <paramref name="port"/> on the addresses in turn until one accepts, all within one
    /// <paramref name="timeout"/>: accepting is ok, a refusal or an unanswered connect is a problem.
    /// </summary>
    public static async Task<ProbeResult> ConnectAsync(ProbeCheck check, IReadOnlyList<IPAddress> addresses, int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, IPEndPoint.MinPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        var clock = Stopwatch.StartNew();
        var tried = new List<string>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancel.CancelAfter(timeout);
        foreach (var address in addresses)
        {
            var endPoint = new IPEndPoint(address, port);
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(endPoint, cancel.Token).ConfigureAwait(false);
                tried.Add($"{Show(endPoint)} accepted");
                return new(check, ProbeOutcome.Ok, string.Join("; ", tried), clock.ElapsedMilliseconds, HereAndAccount.Machine);
            }
            catch (SocketException e)
            {
                tried.Add($"{Show(endPoint)} {SocketError(e)}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                tried.Add($"{Show(endPoint)} no answer within {Ms(timeout)} ms");
                break;
            }
        }
        return new(check, ProbeOutcome.Problem, tried.Count == 0 ? "no address to connect to" : string.Join("; ", tried), clock.ElapsedMilliseconds, HereAndAccount.Machine);
    }

    private static string SocketError(SocketException e) => $"{e.SocketErrorCode} (socket error {e.NativeErrorCode}): {e.Message}";

    private static string Show(IPEndPoint endPoint) => endPoint.ToString();

    private static string Ms(TimeSpan timeout) => ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}

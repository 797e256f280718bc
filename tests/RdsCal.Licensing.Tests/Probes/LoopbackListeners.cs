using System.Net;
using System.Net.Sockets;

namespace RdsCal.Licensing.Tests.Probes;

/// <summary>
/// Loopback-only peers for the network checks: one that accepts, a port that refuses, and one that never answers.
/// Nothing here binds or connects outside 127.0.0.0/8.
/// </summary>
internal static class LoopbackListeners
{
    /// <summary>A listener that accepts (the kernel completes the handshake into its backlog).</summary>
    public static TcpListener Accepting(IPAddress address)
    {
        Assert.True(IPAddress.IsLoopback(address));
        var listener = new TcpListener(address, 0);
        listener.Start();
        return listener;
    }

    /// <summary>A socket bound but not listening: a connect to its port is refused (RST), and no other process can take the port meanwhile.</summary>
    public static Socket Refusing(IPAddress address)
    {
        Assert.True(IPAddress.IsLoopback(address));
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }

    /// <summary>
    /// A listener that never answers: backlog 0, never accepting, filled with connections until a further SYN goes
    /// unanswered (Linux drops SYNs to a full accept queue rather than refusing them). The fillers are returned so the
    /// caller keeps them open for the test.
    /// </summary>
    public static (Socket Listener, List<Socket> Fillers) Silent(IPAddress address)
    {
        Assert.True(IPAddress.IsLoopback(address));
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(address, 0));
        listener.Listen(0);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        for (int i = 0; i < 64; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            fillers.Add(filler);
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                filler.ConnectAsync(endPoint, cancel.Token).AsTask().GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                return (listener, fillers);
            }
        }
        throw new InvalidOperationException("the loopback backlog never filled: this kernel answers every SYN, so no silent port can be made here");
    }
}

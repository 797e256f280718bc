using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RdsCal.Tests;

/// <summary>
/// A throwaway OpenSSH server on loopback addresses only (127.0.0.2, 127.0.0.3, ...), each address one "host" of
/// a fleet: its own config (<c>-f</c>), host key, user key and authorized_keys in a temporary folder, run in the
/// foreground (<c>-D</c>) as the current user, so that killing the process ends it and every session it forked.
/// Nothing outside the folder is touched except sshd's privilege separation folder, which sshd requires.
/// </summary>
internal sealed class LoopbackSshd : IDisposable
{
    public const string SshdPath = "/usr/sbin/sshd";

    private readonly Process _sshd;

    /// <param name="addresses">The loopback addresses to listen on, all on one port.</param>
    /// <param name="subsystems">Extra <c>Subsystem</c> lines, name to command (pwsh as <c>powershell</c>).</param>
    public LoopbackSshd(IReadOnlyList<string> addresses, IReadOnlyDictionary<string, string>? subsystems = null)
    {
        Addresses = addresses;
        Folder = Directory.CreateTempSubdirectory("rdscal-sshd-").FullName;
        Port = FreePort(addresses[0]);
        Keygen(HostKey);
        Keygen(UserKey);
        File.Copy(UserKey + ".pub", Path.Combine(Folder, "authorized_keys"));
        var config = new List<string>();
        config.AddRange(addresses.Select(a => $"ListenAddress {a}:{Port}"));
        config.AddRange([
            $"HostKey {HostKey}",
            $"PidFile {Path.Combine(Folder, "sshd.pid")}",
            $"AuthorizedKeysFile {Path.Combine(Folder, "authorized_keys")}",
            // No PAM (no system account set-up to lean on), keys only, and the temporary folder's modes are not the
            // home folder's that StrictModes expects.
            "UsePAM no",
            "StrictModes no",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            "Subsystem sftp internal-sftp",
            "LogLevel VERBOSE",
        ]);
        config.AddRange((subsystems ?? new Dictionary<string, string>()).Select(s => $"Subsystem {s.Key} {s.Value}"));
        File.WriteAllLines(ConfigPath, config);
        if (Environment.IsPrivilegedProcess && !Directory.Exists("/run/sshd"))
        {
            // Compiled into Debian's sshd as its privilege separation folder; the openssh-server package makes it only when
            // its service starts, which a container never does.
            Directory.CreateDirectory("/run/sshd");
        }
        var start = new ProcessStartInfo(SshdPath) { UseShellExecute = false };
        foreach (string a in new[] { "-D", "-f", ConfigPath, "-E", LogPath })
        {
            start.ArgumentList.Add(a);
        }
        _sshd = Process.Start(start)!;
        WaitUntilListening();
    }

    public IReadOnlyList<string> Addresses { get; }

    public string Folder { get; }

    public int Port { get; }

    public string HostKey => Path.Combine(Folder, "host_key");

    /// <summary>The private key that logs in as <see cref="User"/>.</summary>
    public string UserKey => Path.Combine(Folder, "user_key");

    public static string User => Environment.UserName;

    public string ConfigPath => Path.Combine(Folder, "sshd_config");

    public string LogPath => Path.Combine(Folder, "sshd.log");

    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty;

    /// <summary>Why tests needing sshd and these tools cannot run here, or null. Under CI (CI=true) nothing is skipped.</summary>
    public static string? SkipReason(params string[] tools)
    {
        if (TestData.InCi)
        {
            return null;
        }
        if (TestData.Root is null)
        {
            return "../shared/testdata is absent beside the repository";
        }
        if (!File.Exists(SshdPath))
        {
            return $"{SshdPath} is not installed (apt-get install openssh-server)";
        }
        return tools.FirstOrDefault(t => !ExternalTool.Exists(t)) is { } missing ? $"{missing} is not installed" : null;
    }

    /// <summary>A loopback address and port on which nothing answers: a host that is down.</summary>
    public static string SilentAddress(int port)
    {
        for (int last = 250; last > 200; last--)
        {
            string address = $"127.0.0.{last}";
            if (!Answers(address, port))
            {
                return address;
            }
        }
        throw new InvalidOperationException("every loopback address tried answers");
    }

    public void Dispose()
    {
        if (!_sshd.HasExited)
        {
            // The listener and the session processes it forked: nothing of this server outlives the test.
            _sshd.Kill(entireProcessTree: true);
            _sshd.WaitForExit(10_000);
        }
        _sshd.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A session still closing; the test process's temporary root goes when the process ends.
        }
    }

    private static int FreePort(string address)
    {
        var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static bool Answers(string address, int port)
    {
        using var client = new TcpClient();
        try
        {
            return client.ConnectAsync(IPAddress.Parse(address), port).Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException e) when (e.InnerException is SocketException)
        {
            return false;
        }
    }

    private static void Keygen(string path)
    {
        var (exit, _, err) = ExternalTool.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", "rdscal-test", "-f", path);
        if (exit != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed: {err}");
        }
    }

    private void WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        while (!Addresses.All(a => Answers(a, Port)))
        {
            if (_sshd.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"sshd did not start listening on {string.Join(", ", Addresses)} port {Port}: {Log}");
            }
            Thread.Sleep(100);
        }
    }
}

/// <summary>A fact that needs sshd and the named tools: skipped with the reason when one is missing, except under CI.</summary>
internal sealed class EnginesFactAttribute : FactAttribute
{
    public EnginesFactAttribute(params string[] tools) => Skip = LoopbackSshd.SkipReason(tools);
}

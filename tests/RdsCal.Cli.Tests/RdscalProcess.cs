using System.Diagnostics;

namespace RdsCal.Cli.Tests;

/// <summary>Runs the built rdscal as a child process, so that it can be killed for real (RDSCAL_CRASH_AT) or run concurrently.</summary>
internal static class RdscalProcess
{
    /// <summary>The exit code of a process killed by SIGKILL, as .NET reports it on Unix.</summary>
    public const int Killed = 137;

    public static (int Exit, string Out, string Err) Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rdscal.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[k] = v;
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rdscal {string.Join(' ', args)} did not finish in 60 s");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs it with standard output sent by the shell to <paramref name="file"/> (/dev/full: every write fails with ENOSPC).</summary>
    public static (int Exit, string Err) RunWithOutputTo(string file, params string[] args) => RunInShell("exec \"$@\" > " + Quote(file), args);

    /// <summary>
    /// Runs it through bash as <c>"$@"</c> inside <paramref name="script"/> (say <c>exec "$@" &gt;&amp;-</c>, or a pipe
    /// ending in <c>exit ${PIPESTATUS[0]}</c>); returns its exit code and what reached standard error.
    /// </summary>
    public static (int Exit, string Err) RunInShell(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-c", script, "bash", Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Path.Combine(AppContext.BaseDirectory, "rdscal.dll") }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rdscal {string.Join(' ', args)} did not finish in 60 s");
        }
        return (process.ExitCode, error.Result);
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

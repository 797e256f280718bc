using System.Diagnostics;

namespace RdsCal.Live.Tests;

/// <summary>
/// An rdscal.exe run under Wine held at one of its write steps (<c>RDSCAL_PAUSE_AT</c>) until its standard input
/// is closed: a second writer that holds its locks and its open registry keys. Disposing kills it if it still runs.
/// </summary>
public sealed class HeldRdscal : IDisposable
{
    private readonly Process _process;
    private readonly TimeSpan _timeout;
    private readonly Task<string> _output;
    private readonly Task<string> _rest;

    internal HeldRdscal(Process process, TimeSpan timeout)
    {
        _process = process;
        _timeout = timeout;
        _output = process.StandardOutput.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        var before = new List<string>();
        while (true)
        {
            var line = process.StandardError.ReadLineAsync();
            if (!line.Wait(timeout - clock.Elapsed) || line.Result is null)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                process.Dispose();
                throw new InvalidOperationException($"rdscal ended or stalled before its pause point: {string.Join('\n', before)}{_output.Result}");
            }
            if (line.Result.StartsWith("rdscal-paused ", StringComparison.Ordinal))
            {
                PausedAt = line.Result["rdscal-paused ".Length..];
                break;
            }
            before.Add(line.Result);
        }
        _rest = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The step it holds at, as it names it ("3 live SYSTEM\…").</summary>
    public string PausedAt { get; }

    /// <summary>Lets it go on and waits for it to finish.</summary>
    public (int Exit, string Out, string Err) Release()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(_timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the released rdscal did not finish within {_timeout}");
        }
        return (_process.ExitCode, _output.Result, _rest.Result);
    }

    /// <summary>Kills it where it holds (SIGKILL: the OS releases its handles and locks).</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Globalization;
using RdsCal.Registry.Changes;

namespace RdsCal.Cli;

/// <summary>
/// The numbered write steps of a change, for the kill harness (scripts/fault-injection.sh, the CLI's kill tests and the
/// Wine suite), installed by the CLI host as the libraries' <see cref="IWriteStepObserver"/>:
/// <c>RDSCAL_TRACE_STEPS=1</c> prints each step to stderr as it is reached (<c>rdscal-step N STEP</c>), and
/// <c>RDSCAL_CRASH_AT=N</c> kills the process (SIGKILL on Unix, TerminateProcess on Windows) when step N is reached, so
/// a crash can be placed at every point where a file is written; <c>RDSCAL_FAIL_AT=N</c> throws an I/O error there
/// instead, to exercise the roll-back paths; <c>RDSCAL_PAUSE_AT=N</c> holds the process at step N, with its locks and
/// open handles, until its standard input ends, so a test can run a second writer against it (it prints
/// <c>rdscal-paused N STEP</c> to stderr once it is holding). Nothing is installed unless one is set.
/// </summary>
internal sealed class WriteStepHooks : IWriteStepObserver
{
    private readonly int _killAt;
    private readonly int _failAt;
    private readonly int _pauseAt;
    private readonly bool _trace;
    private int _reached;

    private WriteStepHooks(int killAt, int failAt, int pauseAt, bool trace)
    {
        _killAt = killAt;
        _failAt = failAt;
        _pauseAt = pauseAt;
        _trace = trace;
    }

    /// <summary>The hooks the environment asks for, or null when it asks for none.</summary>
    public static WriteStepHooks? FromEnvironment()
    {
        int kill = StepFrom("RDSCAL_CRASH_AT"), fail = StepFrom("RDSCAL_FAIL_AT"), pause = StepFrom("RDSCAL_PAUSE_AT");
        bool trace = Environment.GetEnvironmentVariable("RDSCAL_TRACE_STEPS") == "1";
        return kill == 0 && fail == 0 && pause == 0 && !trace ? null : new WriteStepHooks(kill, fail, pause, trace);
    }

    private static int StepFrom(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out int step) ? step : 0;

    public void Reached(string step)
    {
        int number = Interlocked.Increment(ref _reached);
        if (_trace)
        {
            Console.Error.WriteLine($"rdscal-step {number.ToString(CultureInfo.InvariantCulture)} {step}");
        }
        if (number == _killAt)
        {
            Console.Error.Flush();
            using var self = Process.GetCurrentProcess();
            self.Kill();
            Thread.Sleep(Timeout.Infinite);
        }
        if (number == _pauseAt)
        {
            Console.Error.WriteLine($"rdscal-paused {number.ToString(CultureInfo.InvariantCulture)} {step}");
            Console.Error.Flush();
            Console.In.ReadToEnd();
        }
        if (number == _failAt)
        {
            throw new IOException($"injected I/O error at step {number.ToString(CultureInfo.InvariantCulture)} ({step})");
        }
    }
}

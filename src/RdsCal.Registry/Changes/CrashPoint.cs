using System.Diagnostics;
using System.Globalization;

namespace RdsCal.Registry.Changes;

/// <summary>
/// The numbered write steps of a change, for the kill harness (scripts/fault-injection.sh and the kill tests):
/// <c>RDSCAL_TRACE_STEPS=1</c> prints each step to stderr as it is reached, and <c>RDSCAL_CRASH_AT=N</c> kills the
/// process (SIGKILL on Unix, TerminateProcess on Windows) when step N is reached, so a crash can be placed at every
/// point where a file is written; <c>RDSCAL_FAIL_AT=N</c> throws an I/O error there instead, to exercise the
/// roll-back paths; <c>RDSCAL_PAUSE_AT=N</c> holds the process at step N, with its locks and open handles, until its
/// standard input ends, so a test can run a second writer against it (it prints <c>rdscal-paused N STEP</c> to
/// stderr once it is holding). All are off unless set; then a step costs one comparison.
/// </summary>
internal static class CrashPoint
{
    private static readonly int KillAt = StepFrom("RDSCAL_CRASH_AT");
    private static readonly int FailAt = StepFrom("RDSCAL_FAIL_AT");
    private static readonly int PauseAt = StepFrom("RDSCAL_PAUSE_AT");
    private static readonly bool Trace = Environment.GetEnvironmentVariable("RDSCAL_TRACE_STEPS") == "1";
    private static int _reached;

    private static int StepFrom(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out int step) ? step : 0;

    /// <summary>Marks the point just before <paramref name="step"/> writes anything.</summary>
    public static void Reached(string step)
    {
        if (KillAt == 0 && FailAt == 0 && PauseAt == 0 && !Trace)
        {
            return;
        }
        int number = Interlocked.Increment(ref _reached);
        if (Trace)
        {
            Console.Error.WriteLine($"rdscal-step {number.ToString(CultureInfo.InvariantCulture)} {step}");
        }
        if (number == KillAt)
        {
            Console.Error.Flush();
            using var self = Process.GetCurrentProcess();
            self.Kill();
            Thread.Sleep(Timeout.Infinite);
        }
        if (number == PauseAt)
        {
            Console.Error.WriteLine($"rdscal-paused {number.ToString(CultureInfo.InvariantCulture)} {step}");
            Console.Error.Flush();
            Console.In.ReadToEnd();
        }
        if (number == FailAt)
        {
            throw new IOException($"injected I/O error at step {number.ToString(CultureInfo.InvariantCulture)} ({step})");
        }
    }
}

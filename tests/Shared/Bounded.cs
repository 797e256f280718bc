namespace RdsCal.Tests;

/// <summary>
/// A per-input time bound the harness enforces: the work runs on its own thread and the test fails when it has
/// not finished in time, so a hang or a blow-up on one hostile input is a failure naming that input, not a
/// stuck test run.
/// </summary>
internal static class Bounded
{
    public static T Run<T>(string input, TimeSpan limit, Func<T> work)
    {
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        {
            IsBackground = true,
        };
        thread.Start();
        if (!thread.Join(limit))
        {
            Assert.Fail($"{input}: not finished within {limit.TotalSeconds:N0} s (a hang or a blow-up)");
        }
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        return result!;
    }

    public static void Run(string input, TimeSpan limit, Action work) => Run(input, limit, () =>
    {
        work();
        return 0;
    });
}

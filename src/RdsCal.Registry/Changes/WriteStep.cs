namespace RdsCal.Registry.Changes;

/// <summary>
/// Watches the write steps of a change: each call comes just before a step writes anything (a staged hive, a rename,
/// a journal line, a live key). A host installs one to trace the steps or to inject faults; an observer that throws
/// an <see cref="IOException"/> makes that step fail as a real write would, so the roll-back paths run.
/// </summary>
public interface IWriteStepObserver
{
    /// <summary>The step named <paramref name="step"/> (<c>stage SYSTEM</c>, <c>commit SYSTEM</c>, <c>journal applied</c>, …) is about to write.</summary>
    void Reached(string step);
}

/// <summary>
/// Where the libraries report their write steps. None is installed by default, and then a step costs one read of a
/// field. One observer serves the whole process because a change's steps run deep in the writers (hive save, staged
/// commit, journal, live store) and a fault harness must see every one of them, in order.
/// </summary>
public static class WriteStep
{
    private static IWriteStepObserver? _observer;

    /// <summary>The observer every write step is reported to, or null for none.</summary>
    public static IWriteStepObserver? Observer
    {
        get => Volatile.Read(ref _observer);
        set => Volatile.Write(ref _observer, value);
    }

    /// <summary>Marks the point just before <paramref name="step"/> writes anything.</summary>
    internal static void Reached(string step) => Observer?.Reached(step);
}

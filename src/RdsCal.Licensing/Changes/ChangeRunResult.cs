using RdsCal.Licensing.Live;
using RdsCal.Licensing.Plans;
using RdsCal.Registry.Changes;

namespace RdsCal.Licensing.Changes;

/// <summary>How a change ended when it was not refused (a refusal is a <see cref="ChangeRefusedException"/>).</summary>
public enum ChangeRunEnd
{
    /// <summary>The registry already holds what was asked; nothing was written.</summary>
    NothingToDo,
    /// <summary>A what-if run: the plan was shown, nothing was locked or written.</summary>
    Previewed,
    /// <summary>The user declined at the confirmation; nothing was written.</summary>
    Declined,
    /// <summary>The change was written and journalled.</summary>
    Applied,
}

/// <summary>The typed outcome of one change, undo or restore, for a front end to word.</summary>
/// <param name="End">How it ended.</param>
/// <param name="Plan">The plan that was applied or shown.</param>
/// <param name="Journal">The journal it is recorded in.</param>
/// <param name="Recorded">The recorded change when <see cref="ChangeRunEnd.Applied"/>, else null.</param>
/// <param name="ServiceUpdate">Live: whether the running service took the change (null offline or when there was nothing to ask).</param>
public sealed record ChangeRunResult(ChangeRunEnd End, LicensingPlan Plan, ChangeJournal Journal, RecordedChange? Recorded, ServiceUpdate? ServiceUpdate);

namespace RdsCal.Licensing.Changes;

/// <summary>Why rdscal declines a change. Each front end words the remedy in its own vocabulary.</summary>
public enum ChangeRefusalReason
{
    /// <summary>Only per-user and per-device can be set.</summary>
    ModeNotSettable,

    /// <summary>What the change writes lives in SYSTEM, and no SYSTEM source was given (or its control set is unknown).</summary>
    SystemNeeded,

    /// <summary>What the change writes lives in SOFTWARE, and no SOFTWARE source was given.</summary>
    SoftwareNeeded,

    /// <summary>
    /// Group Policy sets the value, so the server setting would have no effect; writing the local policy value
    /// instead is the option that overrides.
    /// </summary>
    PolicyGoverns,

    /// <summary>No license server was named.</summary>
    NoServerNamed,

    /// <summary>A license server name is not a valid host name.</summary>
    InvalidServerName,

    /// <summary>A grace-period reset on a host with no license server; marking the host as a lab overrides.</summary>
    NoLicenseServer,

    /// <summary>A client license store reset on an RD Session Host; forcing overrides.</summary>
    ClientStoreOnSessionHost,

    /// <summary>The change would delete a whole hive root.</summary>
    DeletesHiveRoot,

    /// <summary>The journal or its backups folder cannot be written, so the change could not be undone.</summary>
    JournalNotWritable,

    /// <summary>The live registry was asked for off Windows.</summary>
    LiveNeedsWindows,

    /// <summary>No journal entry has the given id.</summary>
    EntryNotFound,

    /// <summary>The journal holds no change left to undo.</summary>
    NothingToUndo,

    /// <summary>The entry is still pending: interrupted or running.</summary>
    EntryPending,

    /// <summary>The entry was rolled back, so nothing of it is in the registry.</summary>
    EntryRolledBack,

    /// <summary>The entry was undone already.</summary>
    EntryAlreadyUndone,

    /// <summary>
    /// A grace-period reset on a host with a license server in effect, where the grace period no longer matters (Windows
    /// counts it down to 0 once a license server is configured); marking the host as a lab overrides.
    /// </summary>
    GraceNoLongerMatters,
}

/// <summary>A change rdscal declines, with its reason and the evidence, in words free of any front end's vocabulary.</summary>
/// <param name="Reason">Why, as a value a front end can switch on to word the remedy.</param>
/// <param name="Explanation">What rdscal found, as a sentence (no command-line flags or parameter names).</param>
/// <param name="Target">What the refusal is about: a registry path, a file or a journal entry id, when one applies.</param>
public sealed record ChangeRefusal(ChangeRefusalReason Reason, string Explanation, string? Target = null);

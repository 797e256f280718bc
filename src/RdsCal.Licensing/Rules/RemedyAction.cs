namespace RdsCal.Licensing.Rules;

/// <summary>What a remedy does, as an operation of rdscal or a step by hand; each front end words it in its own terms.</summary>
public enum RemedyKind
{
    /// <summary>Set the licensing mode (<see cref="RemedyAction.Modes"/>).</summary>
    SetMode,
    /// <summary>Set the license servers (<see cref="RemedyAction.Servers"/>).</summary>
    SetServers,
    /// <summary>Remove the license server shapes current Windows does not read, with a server change.</summary>
    RemoveLegacyShapes,
    /// <summary>Reset the client license store (MSLicensing) on the connecting client.</summary>
    ResetClientStore,
    /// <summary>Reset the grace period (lab hosts only).</summary>
    ResetGracePeriod,
    /// <summary>Reset the RCM licensing certificate values.</summary>
    ResetCertificate,
    /// <summary>Add the session host to a group (<see cref="RemedyAction.Group"/>) by hand.</summary>
    AddToGroup,
    /// <summary>Back up the licensing keys to a .reg file.</summary>
    Backup,
    /// <summary>Undo the last recorded change.</summary>
    UndoLast,
    /// <summary>Read the status again, with the inputs in <see cref="RemedyAction.Inputs"/>.</summary>
    ReadStatus,
    /// <summary>Explain an event or message (<see cref="RemedyAction.Subject"/>).</summary>
    Explain,
    /// <summary>A step no rdscal operation carries out; <see cref="RemedyAction.Learn"/> says how.</summary>
    Manual,
    /// <summary>Probe the session host's license servers from the session host (reachability, activation, CALs).</summary>
    ProbeLicenseServers,
    /// <summary>Compare the licensing events logged before and after a recorded change (<see cref="RemedyAction.Subject"/>: the change).</summary>
    CompareEvents,
}

/// <summary>The registry inputs a status read is given (<see cref="RemedyKind.ReadStatus"/>).</summary>
[Flags]
public enum StatusInputs
{
    /// <summary>None named.</summary>
    None = 0,
    /// <summary>The SYSTEM hive.</summary>
    System = 1,
    /// <summary>The SOFTWARE hive.</summary>
    Software = 2,
    /// <summary>The SECURITY hive (domain membership).</summary>
    Security = 4,
}

/// <summary>
/// A remedy as data: the action, the machine it is carried out on and its arguments. Front ends word it (the CLI as a
/// command line, PowerShell as a cmdlet line); status JSON writes it as <c>remedyAction</c>.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="Machine">Where to do it: acting on the wrong machine can do harm.</param>
public sealed record RemedyAction(RemedyKind Kind, RemedyTarget Machine)
{
    /// <summary>For <see cref="RemedyKind.SetMode"/>: the mode, or the modes to choose from (empty: the one the CALs installed ask for).</summary>
    public IReadOnlyList<LicensingMode> Modes { get; init; } = [];

    /// <summary>For <see cref="RemedyKind.SetServers"/> and <see cref="RemedyKind.RemoveLegacyShapes"/>: the names (empty: the admin's own).</summary>
    public IReadOnlyList<string> Servers { get; init; } = [];

    /// <summary>For a mode or server change: write the local Group Policy value instead of the server setting.</summary>
    public bool Policy { get; init; }

    /// <summary>For <see cref="RemedyKind.ResetClientStore"/>: go ahead on an RD Session Host too.</summary>
    public bool Force { get; init; }

    /// <summary>For <see cref="RemedyKind.ReadStatus"/>: the hives to give.</summary>
    public StatusInputs Inputs { get; init; }

    /// <summary>For <see cref="RemedyKind.Explain"/>: the event ID or message to explain.</summary>
    public string? Subject { get; init; }

    /// <summary>For <see cref="RemedyKind.AddToGroup"/>: the group's name.</summary>
    public string? Group { get; init; }

    /// <summary>For <see cref="RemedyKind.Manual"/> (and any step by hand): the page that says how.</summary>
    public RuleSource? Learn { get; init; }

    /// <summary>Set the mode on an RD Session Host.</summary>
    public static RemedyAction SetMode(params LicensingMode[] modes) => new(RemedyKind.SetMode, RemedyTarget.SessionHost) { Modes = modes };

    /// <summary>Set the license servers of an RD Session Host.</summary>
    public static RemedyAction SetServers(params string[] servers) => new(RemedyKind.SetServers, RemedyTarget.SessionHost) { Servers = servers };

    /// <summary>A step by hand on <paramref name="machine"/>, described by <paramref name="learn"/>.</summary>
    public static RemedyAction Manual(RemedyTarget machine, RuleSource learn) => new(RemedyKind.Manual, machine) { Learn = learn };
}

namespace RdsCal.Licensing.Rules;

/// <summary>The actions rule texts name, for the holes of <see cref="RemedyText.Of"/>.</summary>
internal static class Mentions
{
    public static RemedyAction SetMode(params LicensingMode[] modes) => RemedyAction.SetMode(modes);

    /// <summary>Either mode, the admin's choice.</summary>
    public static RemedyAction EitherMode => RemedyAction.SetMode(LicensingMode.PerUser, LicensingMode.PerDevice);

    /// <summary>Set servers; <paramref name="shown"/> is what the text shows for the names (a placeholder or an example).</summary>
    public static RemedyAction SetServers(params string[] shown) => RemedyAction.SetServers(shown);

    public static RemedyAction RemoveLegacy => new(RemedyKind.RemoveLegacyShapes, RemedyTarget.SessionHost);

    public static RemedyMention RemoveLegacySwitch => new([RemoveLegacy], MentionShape.Switches);

    /// <summary>The mode or the servers, as one mention (<paramref name="joiner"/> between the two).</summary>
    public static RemedyMention ModeOrServers(string joiner, bool policy = false) =>
        new([RemedyAction.SetMode() with { Policy = policy }, RemedyAction.SetServers() with { Policy = policy }], MentionShape.Command) { Joiner = joiner };

    public static RemedyAction ResetCertificate => new(RemedyKind.ResetCertificate, RemedyTarget.SessionHost);

    public static RemedyAction ResetClientStore => new(RemedyKind.ResetClientStore, RemedyTarget.ConnectingClient);

    /// <summary>The override that lets a client store reset run on an RD Session Host.</summary>
    public static RemedyMention ForceSwitch => new([ResetClientStore with { Force = true }], MentionShape.Switches);

    public static RemedyAction UndoLast => new(RemedyKind.UndoLast, RemedyTarget.MachineRead);

    public static RemedyAction Backup => new(RemedyKind.Backup, RemedyTarget.MachineRead);

    public static RemedyAction Status(StatusInputs inputs = StatusInputs.None) => new(RemedyKind.ReadStatus, RemedyTarget.MachineRead) { Inputs = inputs };

    /// <summary>A status read with the inputs' placeholders shown.</summary>
    public static RemedyMention StatusWithValues(StatusInputs inputs) => new([Status(inputs)], MentionShape.Command) { ShowValues = true };

    /// <summary>The switches that give the status read <paramref name="inputs"/>.</summary>
    public static RemedyMention InputSwitches(StatusInputs inputs, string joiner = " ", bool values = false) =>
        new([Status(inputs)], MentionShape.Switches) { Joiner = joiner, ShowValues = values };

    public static RemedyAction ProbeLicenseServers => new(RemedyKind.ProbeLicenseServers, RemedyTarget.SessionHost);

    /// <summary>The licensing events before and after change <paramref name="change"/> (a placeholder or an id).</summary>
    public static RemedyAction CompareEvents(string change) => new(RemedyKind.CompareEvents, RemedyTarget.MachineRead) { Subject = change };

    /// <summary>Explain an event or message.</summary>
    public static RemedyAction Explain(string subject) => new(RemedyKind.Explain, RemedyTarget.MachineRead) { Subject = subject };
}

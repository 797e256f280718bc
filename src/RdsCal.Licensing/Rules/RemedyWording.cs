namespace RdsCal.Licensing.Rules;

/// <summary>
/// A vocabulary for rdscal's actions: each front end derives one (the CLI's command lines, PowerShell's cmdlet
/// lines) and words remedies, steps and notes with it; <see cref="Plain"/> is the library's own, naming no front end.
/// </summary>
public abstract class RemedyWording
{
    /// <summary>Names actions by what they do ("set the licensing mode to PerUser"), without any command or parameter.</summary>
    public static RemedyWording Plain { get; } = new PlainWording();

    /// <summary>The words for one mention.</summary>
    public abstract string Mention(RemedyMention mention);

    /// <summary>The finding with its message and remedy in these words.</summary>
    public Finding Word(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding with
        {
            Message = finding.MessageText?.Word(this) ?? finding.Message,
            Remedy = finding.RemedyText?.Word(this) ?? finding.Remedy,
        };
    }

    private sealed class PlainWording : RemedyWording
    {
        public override string Mention(RemedyMention mention)
        {
            ArgumentNullException.ThrowIfNull(mention);
            return string.Join(mention.Joiner, mention.Actions.Select(a => mention.Shape == MentionShape.Switches ? Options(a) : Describe(a)));
        }

        private static string Describe(RemedyAction a) => a.Kind switch
        {
            RemedyKind.SetMode => (a.Modes.Count == 0 ? "set the licensing mode" : "set the licensing mode to " + string.Join(" or ", a.Modes.Select(m => m.Name()))) + (a.Policy ? " in local policy" : ""),
            RemedyKind.SetServers => (a.Servers.Count == 0 ? "set the license servers" : "set the license servers to " + string.Join(" ", a.Servers)) + (a.Policy ? " in local policy" : ""),
            RemedyKind.RemoveLegacyShapes => "remove the legacy license server shapes",
            RemedyKind.ResetClientStore => "reset the client license store" + (a.Force ? ", even on a session host" : ""),
            RemedyKind.ResetGracePeriod => "reset the grace period",
            RemedyKind.ResetCertificate => "reset the licensing certificate values",
            RemedyKind.AddToGroup => $"add the host to {a.Group}",
            RemedyKind.Backup => "back up the licensing keys",
            RemedyKind.UndoLast => "undo the last change",
            RemedyKind.ReadStatus => "read the status" + (a.Inputs == StatusInputs.None ? "" : " with " + Options(a)),
            RemedyKind.Explain => $"explain {a.Subject}",
            RemedyKind.ProbeLicenseServers => "probe the license servers",
            RemedyKind.CompareEvents => $"compare the licensing events before and after change {a.Subject}",
            _ => a.Learn?.Title ?? "by hand",
        };

        private static string Options(RemedyAction a) => a.Kind switch
        {
            RemedyKind.ReadStatus => string.Join(" and ", new[] { (StatusInputs.System, "SYSTEM"), (StatusInputs.Software, "SOFTWARE"), (StatusInputs.Security, "SECURITY") }
                .Where(i => a.Inputs.HasFlag(i.Item1)).Select(i => $"the {i.Item2} hive")),
            RemedyKind.ResetClientStore when a.Force => "the override for session hosts",
            RemedyKind.RemoveLegacyShapes => "removing the legacy shapes",
            _ when a.Policy => "the local policy value",
            _ => Describe(a),
        };
    }
}

using RdsCal.Licensing;
using RdsCal.Licensing.Rules;

namespace RdsCal.Cli.Output;

/// <summary>
/// rdscal's actions as this CLI spells them (<c>rdscal set-mode per-user</c>, <c>--remove-legacy</c>): the words the
/// library's remedies, steps and notes get when the CLI prints them.
/// </summary>
internal sealed class CommandLineWording : RemedyWording
{
    public static CommandLineWording Instance { get; } = new();

    private CommandLineWording()
    {
    }

    public override string Mention(RemedyMention mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        if (mention.Shape == MentionShape.Switches)
        {
            return string.Join(mention.Joiner, mention.Actions.SelectMany(a => Arguments(a, mention.ShowValues)).Where(s => s.StartsWith("--", StringComparison.Ordinal)));
        }
        string verbs = string.Join(mention.Joiner, mention.Actions.Select(Verb));
        var arguments = Arguments(mention.Actions[^1], mention.ShowValues);
        return arguments.Count == 0 ? $"rdscal {verbs}" : $"rdscal {verbs} {string.Join(' ', arguments)}";
    }

    private static string Verb(RemedyAction action) => action.Kind switch
    {
        RemedyKind.SetMode => "set-mode",
        RemedyKind.SetServers or RemedyKind.RemoveLegacyShapes => "set-servers",
        RemedyKind.ResetClientStore => "client reset",
        RemedyKind.ResetGracePeriod => "grace reset",
        RemedyKind.ResetCertificate => "cert reset",
        RemedyKind.Backup => "backup",
        RemedyKind.UndoLast => "undo",
        RemedyKind.ReadStatus => "status",
        RemedyKind.Explain => "explain",
        RemedyKind.ProbeLicenseServers => "status",
        RemedyKind.CompareEvents => "events",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "no rdscal command carries out this action"),
    };

    private static List<string> Arguments(RemedyAction action, bool values)
    {
        var args = new List<string>();
        switch (action.Kind)
        {
            case RemedyKind.SetMode when action.Modes.Count > 0:
                args.Add(string.Join('|', action.Modes.Select(m => m == LicensingMode.PerUser ? "per-user" : "per-device")));
                break;
            case RemedyKind.SetServers:
                args.AddRange(action.Servers);
                break;
            case RemedyKind.RemoveLegacyShapes:
                args.AddRange(action.Servers);
                args.Add("--remove-legacy");
                break;
            case RemedyKind.ResetClientStore when action.Force:
                args.Add("--force");
                break;
            case RemedyKind.UndoLast:
                args.Add("--last");
                break;
            case RemedyKind.ReadStatus:
                foreach (var (input, option, placeholder) in Inputs)
                {
                    if (action.Inputs.HasFlag(input))
                    {
                        args.Add(values ? $"{option} {placeholder}" : option);
                    }
                }
                break;
            case RemedyKind.Explain when action.Subject is { } subject:
                args.Add(subject);
                break;
            case RemedyKind.ProbeLicenseServers:
                args.Add("--probe");
                break;
            case RemedyKind.CompareEvents:
                args.Add("--since-change " + action.Subject);
                break;
        }
        if (action.Policy)
        {
            args.Add("--policy");
        }
        return args;
    }

    private static readonly (StatusInputs Input, string Option, string Placeholder)[] Inputs =
    [
        (StatusInputs.System, "--system", "SYSTEM"),
        (StatusInputs.Software, "--software", "SOFTWARE"),
        (StatusInputs.Security, "--security", "SECURITY"),
    ];
}

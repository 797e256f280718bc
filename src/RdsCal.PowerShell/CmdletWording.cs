using RdsCal.Licensing;
using RdsCal.Licensing.Rules;

namespace RdsCal.PowerShell;

/// <summary>
/// rdscal's actions as this module's cmdlets spell them (<c>Set-RdsCalMode -Mode PerUser</c>,
/// <c>Set-RdsCalLicenseServer -Name NAME -RemoveLegacy</c>, <c>Reset-RdsCalClientStore -Force</c>): the words the
/// library's remedies, steps and notes get in PowerShell. The module has no parameter for a SECURITY hive, so a
/// status read that needs one says so instead of naming a parameter that does not exist.
/// </summary>
internal sealed class CmdletWording : RemedyWording
{
    public static CmdletWording Instance { get; } = new();

    private CmdletWording()
    {
    }

    public override string Mention(RemedyMention mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        if (mention.Shape == MentionShape.Switches)
        {
            return string.Join(mention.Joiner, mention.Actions.SelectMany(a => Parameters(a, mention.ShowValues)).Where(p => p.StartsWith('-') || p.StartsWith('(')));
        }
        string cmdlets = string.Join(mention.Joiner, mention.Actions.Select(Cmdlet));
        var parameters = Parameters(mention.Actions[^1], mention.ShowValues);
        return parameters.Count == 0 ? cmdlets : $"{cmdlets} {string.Join(' ', parameters)}";
    }

    private static string Cmdlet(RemedyAction action) => action.Kind switch
    {
        RemedyKind.SetMode => "Set-RdsCalMode",
        RemedyKind.SetServers or RemedyKind.RemoveLegacyShapes => "Set-RdsCalLicenseServer",
        RemedyKind.ResetClientStore => "Reset-RdsCalClientStore",
        RemedyKind.ResetGracePeriod => "Reset-RdsCalGracePeriod",
        RemedyKind.ResetCertificate => "Reset-RdsCalCertificate",
        RemedyKind.Backup => "Backup-RdsCalSettings",
        RemedyKind.UndoLast => "Undo-RdsCalChange",
        RemedyKind.ReadStatus => "Get-RdsCalStatus",
        RemedyKind.Explain => "Get-RdsCalRule",
        RemedyKind.ProbeLicenseServers => "Test-RdsCalLicenseServer",
        RemedyKind.CompareEvents => "Get-RdsCalEvent",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "no cmdlet carries out this action"),
    };

    private static List<string> Parameters(RemedyAction action, bool values)
    {
        var parameters = new List<string>();
        switch (action.Kind)
        {
            case RemedyKind.SetMode when action.Modes.Count > 0:
                parameters.Add("-Mode " + string.Join('|', action.Modes.Select(m => m.Name())));
                break;
            case RemedyKind.SetServers when action.Servers.Count > 0:
                parameters.Add("-Name " + string.Join(',', action.Servers));
                break;
            case RemedyKind.RemoveLegacyShapes:
                // -Name is mandatory: the shapes are removed as the servers are written where Windows reads them.
                parameters.Add("-Name " + (action.Servers.Count > 0 ? string.Join(',', action.Servers) : "NAME"));
                parameters.Add("-RemoveLegacy");
                break;
            case RemedyKind.ResetClientStore when action.Force:
                parameters.Add("-Force");
                break;
            case RemedyKind.UndoLast:
                parameters.Add("-Last");
                break;
            case RemedyKind.ReadStatus:
                if (action.Inputs.HasFlag(StatusInputs.System))
                {
                    parameters.Add(values ? "-SystemHive SYSTEM" : "-SystemHive");
                }
                if (action.Inputs.HasFlag(StatusInputs.Software))
                {
                    parameters.Add(values ? "-SoftwareHive SOFTWARE" : "-SoftwareHive");
                }
                if (action.Inputs.HasFlag(StatusInputs.Security))
                {
                    parameters.Add("(a SECURITY hive: no Get-RdsCalStatus parameter reads one yet)");
                }
                break;
            case RemedyKind.Explain when action.Subject is { } subject:
                parameters.Add("-Explain " + subject);
                break;
            case RemedyKind.CompareEvents:
                parameters.Add("-ChangeId " + action.Subject);
                break;
        }
        if (action.Policy)
        {
            parameters.Add("-Policy");
        }
        return parameters;
    }
}

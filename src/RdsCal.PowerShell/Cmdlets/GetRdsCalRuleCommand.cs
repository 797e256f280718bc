using System.Management.Automation;
using RdsCal.Licensing.Events;
using RdsCal.Licensing.Rules;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// <c>Get-RdsCalRule</c>: the diagnostic rule catalogue, each rule with its steps, event IDs, messages and the
/// registry paths it reads. <c>-Code</c> takes wildcards; <c>-Explain</c> finds the rules for an event ID or
/// an error message, as <c>rdscal explain</c> does.
/// </summary>
[Cmdlet(VerbsCommon.Get, "RdsCalRule", DefaultParameterSetName = "Code")]
[OutputType(typeof(DiagnosticRule), typeof(LicensingEvent))]
public sealed class GetRdsCalRuleCommand : PSCmdlet
{
    /// <summary>Rule codes to return (wildcards allowed, e.g. <c>RDS00*</c>); all rules when omitted.</summary>
    [Parameter(ParameterSetName = "Code", Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Code { get; set; }

    /// <summary>An event ID (1069, 1128, …) or an error message, or part of one.</summary>
    [Parameter(ParameterSetName = "Explain", Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Explain { get; set; } = string.Empty;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == "Explain")
        {
            var answer = ExplainResult.For(Explain);
            if (answer.NotWindows is { } invented)
            {
                WriteWarning($"{invented.Explanation.Word(CmdletWording.Instance)} (source: {invented.Source.Title} <{invented.Source.Url}>)");
                return;
            }
            if (!answer.Found)
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"No rule explains \"{Explain}\". Try an event ID ({string.Join(", ", ExplainResult.KnownIds)}) or a shorter part of the message."),
                    "NoRuleExplains", ErrorCategory.ObjectNotFound, Explain));
                return;
            }
            // The event first (its text, log, meaning and sources), then every rule for its causes, as rdscal explain shows them.
            if (answer.Event is { } ev)
            {
                WriteObject(ev);
            }
            WriteObject(answer.Rules.Select(Worded), enumerateCollection: true);
            return;
        }
        if (Code is null)
        {
            WriteObject(RuleCatalog.All.Select(Worded), enumerateCollection: true);
            return;
        }
        foreach (string pattern in Code)
        {
            var wildcard = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase);
            var matches = RuleCatalog.All.Where(r => wildcard.IsMatch(r.Code.ToString())).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"No rule has the code '{pattern}'."), "RuleNotFound", ErrorCategory.ObjectNotFound, pattern));
            }
            WriteObject(matches.Select(Worded), enumerateCollection: true);
        }
    }

    /// <summary>
    /// The rule with its remedy, steps and how-to-tell in cmdlet words, as the note properties <c>Fix</c>,
    /// <c>FixSteps</c> and <c>HowToTellApart</c> (its own <c>Remedy</c>, <c>Steps</c> and <c>HowToTell</c> name actions
    /// in the library's neutral words).
    /// </summary>
    private static PSObject Worded(DiagnosticRule rule)
    {
        var o = PSObject.AsPSObject(rule);
        Note(o, "Fix", rule.RemedyText.Word(CmdletWording.Instance));
        Note(o, "FixSteps", rule.StepTexts.Select(s => s.Word(CmdletWording.Instance)).ToArray());
        Note(o, "HowToTellApart", rule.HowToTellText?.Word(CmdletWording.Instance));
        return o;
    }

    // The catalogue's rules are shared objects and PowerShell keeps note properties per object, so a second call sets them again.
    private static void Note(PSObject o, string name, object? value)
    {
        if (o.Properties[name] is PSNoteProperty note)
        {
            note.Value = value;
        }
        else
        {
            o.Properties.Add(new PSNoteProperty(name, value));
        }
    }
}

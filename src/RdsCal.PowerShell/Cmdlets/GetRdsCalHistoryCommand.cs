using System.Management.Automation;
using RdsCal.Registry.Changes;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary><c>Get-RdsCalHistory</c>: the changes rdscal has applied, from its journal, oldest first.</summary>
[Cmdlet(VerbsCommon.Get, "RdsCalHistory")]
[OutputType(typeof(RdsCalHistoryEntry))]
public sealed class GetRdsCalHistoryCommand : PSCmdlet
{
    /// <summary>The journal file (default: the user's rdscal journal, the one the CLI writes).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Journal { get; set; }

    /// <summary>Entry identifiers or unique prefixes to return (wildcards allowed).</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        string path = Journal is null ? ChangeJournal.DefaultPath : GetUnresolvedProviderPathFromPSPath(Journal);
        IReadOnlyList<JournalEntry> entries;
        try
        {
            entries = new ChangeJournal(path).ReadAll();
        }
        catch (Exception e) when (InputErrors.IsInputFailure(e))
        {
            ThrowTerminatingError(InputErrors.From(e, path));
            return;
        }
        var patterns = (Id ?? []).Select(i => WildcardPattern.Get(WildcardPattern.ContainsWildcardCharacters(i) ? i : i + "*", WildcardOptions.IgnoreCase)).ToList();
        foreach (var entry in entries)
        {
            if (patterns.Count == 0 || patterns.Any(p => p.IsMatch(entry.Id)))
            {
                WriteObject(new RdsCalHistoryEntry(entry));
            }
        }
    }
}

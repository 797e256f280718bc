using System.Management.Automation;
using RdsCal.Licensing.Changes;
using RdsCal.Registry.Changes;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary><c>Get-RdsCalHistory</c>: the changes rdscal has made, oldest first, each with how it ended.</summary>
[Cmdlet(VerbsCommon.Get, "RdsCalHistory")]
[OutputType(typeof(HistoryItem))]
public sealed class GetRdsCalHistoryCommand : PSCmdlet
{
    /// <summary>The journal to read (default: rdscal's journal under ProgramData).</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Journal { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        string path = Journal is null ? ChangeJournal.DefaultPath : GetUnresolvedProviderPathFromPSPath(Journal);
        try
        {
            var (items, warnings) = HistoryItem.Read(path);
            foreach (string w in warnings)
            {
                WriteWarning(w);
            }
            WriteObject(items, enumerateCollection: true);
        }
        catch (Exception e) when (InputErrors.IsInputFailure(e))
        {
            ThrowTerminatingError(InputErrors.From(e, path));
        }
    }
}

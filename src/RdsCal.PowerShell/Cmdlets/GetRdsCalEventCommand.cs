using System.Management.Automation;
using RdsCal.Licensing.Events;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// <c>Get-RdsCalEvent</c>: the RDS licensing events of .evtx files (folders: every .evtx and .evtx.gz in them), newest
/// first, each with Windows' message, what it means and the rules that explain it, as <c>rdscal events</c> reads them;
/// <c>-All</c> streams every record in file order. The objects' properties mirror <c>rdscal events --json</c>.
/// <c>-ChangeId</c> compares the licensing events before and after a recorded change, as <c>rdscal events
/// --since-change</c> does, and returns that comparison (<see cref="ChangeEffect"/>) instead.
/// </summary>
[Cmdlet(VerbsCommon.Get, "RdsCalEvent")]
[OutputType(typeof(LoggedEvent), typeof(ChangeEffect))]
public sealed class GetRdsCalEventCommand : PSCmdlet
{
    /// <summary>Event log files or folders of them.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Only events logged at or after this time.</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>Only events logged before this time.</summary>
    [Parameter]
    public DateTime? Until { get; set; }

    /// <summary>Only these event ids.</summary>
    [Parameter]
    public int[]? Id { get; set; }

    /// <summary>Only events this computer logged.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ComputerName { get; set; }

    /// <summary>Every record of any provider, in file order.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>Compare the licensing events before and after this recorded change (an id from Get-RdsCalHistory): which stopped, which go on, which are new.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ChangeId { get; set; }

    /// <summary>With -ChangeId: the journal the change is recorded in (default: rdscal's journal).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Journal { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var query = new EventQuery
        {
            Since = Since?.ToUniversalTime(),
            Until = Until?.ToUniversalTime(),
            Ids = Id ?? [],
            Computer = ComputerName,
            All = All.IsPresent,
        };
        var paths = Path.Select(GetUnresolvedProviderPathFromPSPath).ToList();
        try
        {
            var scan = EventLogScan.Of(paths);
            if (ChangeId is not null)
            {
                string journal = Journal is null ? RdsCal.Registry.Changes.ChangeJournal.DefaultPath : GetUnresolvedProviderPathFromPSPath(Journal);
                WriteObject(ChangeEffect.OfJournalEntry(journal, ChangeId, scan, query).Effect);
                WriteFileWarnings(scan);
                return;
            }
            WriteObject(All.IsPresent ? scan.Read(query) : scan.Licensing(query), enumerateCollection: true);
            WriteFileWarnings(scan);
        }
        catch (NoSuchChangeException e)
        {
            WriteError(new ErrorRecord(e, "NoSuchChange", ErrorCategory.ObjectNotFound, ChangeId) { ErrorDetails = new ErrorDetails($"-ChangeId {ChangeId}: {e.Message} (see Get-RdsCalHistory)") });
        }
        catch (Exception e) when (InputErrors.IsInputFailure(e))
        {
            WriteError(InputErrors.From(e, string.Join(", ", paths)));
        }
    }

    private void WriteFileWarnings(EventLogScan scan)
    {
        foreach (var file in scan.Files)
        {
            foreach (string w in file.Warnings)
            {
                WriteWarning($"{file.Path}: {w}");
            }
        }
    }
}

using System.Management.Automation;
using RdsCal.Licensing.Events;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// <c>Get-RdsCalEvent</c>: the RDS licensing events of .evtx files (folders: every .evtx and .evtx.gz in them), newest
/// first, each with Windows' message, what it means and the rules that explain it, as <c>rdscal events</c> reads them;
/// <c>-All</c> streams every record in file order. The objects' properties mirror <c>rdscal events --json</c>.
/// </summary>
[Cmdlet(VerbsCommon.Get, "RdsCalEvent")]
[OutputType(typeof(LoggedEvent))]
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
            WriteObject(All.IsPresent ? scan.Read(query) : scan.Licensing(query), enumerateCollection: true);
            foreach (var file in scan.Files)
            {
                foreach (string w in file.Warnings)
                {
                    WriteWarning($"{file.Path}: {w}");
                }
            }
        }
        catch (Exception e) when (InputErrors.IsInputFailure(e))
        {
            WriteError(InputErrors.From(e, string.Join(", ", paths)));
        }
    }
}

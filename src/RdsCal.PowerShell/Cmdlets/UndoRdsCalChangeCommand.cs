using System.Management.Automation;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Changes;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// <c>Undo-RdsCalChange -Id ID | -Last</c>: applies the inverse of a recorded change as a new, undoable change,
/// refusing when the registry drifted since unless <c>-Force</c>.
/// </summary>
[Cmdlet(VerbsCommon.Undo, "RdsCalChange", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Files")]
[OutputType(typeof(HistoryItem))]
public sealed class UndoRdsCalChangeCommand : ChangeCmdlet
{
    /// <summary>The journal entry to undo (a unique prefix is enough); it takes the Id of Get-RdsCalHistory's output. Give this or -Last.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Id { get; set; }

    /// <summary>Undo the latest change not yet undone.</summary>
    [Parameter]
    public SwitchParameter Last { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (Id is null == !Last.IsPresent)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("Give exactly one of -Id and -Last."), "IdOrLast", ErrorCategory.InvalidArgument, null));
        }
        var given = Location();
        var options = RunOptions();
        string? id = Last.IsPresent ? null : Id;
        Guard(id ?? "last change", () =>
        {
            string description;
            using (var preview = UndoRun.Begin(id, given, options, preview: true))
            {
                description = $"Undo {preview.Entry.Id} ({preview.Entry.Description}):{Environment.NewLine}{preview.Inverse.Render().TrimEnd()}";
            }
            if (!ShouldProcess(id ?? "the last change", description))
            {
                return;
            }
            using var undo = UndoRun.Begin(id, given, options, preview: false);
            Report(undo.JournalWarnings, undo.SettledNotes);
            var recorded = undo.Apply(ignoreDrift: Force.IsPresent);
            foreach (string note in recorded.Notes)
            {
                WriteVerbose(note);
            }
            if (undo.UpdateRunningService(recorded, LiveQueries.ThisMachine()) is { } update)
            {
                WriteServiceUpdate(update);
            }
            WriteRecorded(undo.Journal, recorded.Id);
        });
    }
}

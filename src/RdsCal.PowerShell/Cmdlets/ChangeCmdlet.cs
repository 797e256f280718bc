using System.Management.Automation;
using RdsCal.Licensing.Changes;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Plans;
using RdsCal.Licensing.Snapshot;
using RdsCal.Licensing.Sources;
using RdsCal.Registry;
using RdsCal.Registry.Changes;

namespace RdsCal.PowerShell.Cmdlets;

/// <summary>
/// What every changing cmdlet shares: the journal, the change script for .reg inputs, and the run itself. The
/// plan is made once without locks to ask <c>ShouldProcess</c> (so <c>-WhatIf</c> and <c>-Confirm</c> see what
/// would change), then made again under the locks and applied, so what is written is what the registry holds now.
/// Each change is returned as its history item.
/// </summary>
public abstract class ChangeCmdlet : MachineCmdlet
{
    /// <summary>The journal to record the change in (default: rdscal's journal under ProgramData); backups go beside it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Journal { get; set; }

    /// <summary>For .reg inputs (never written): where to write the .reg file that carries the change.</summary>
    [Parameter(ParameterSetName = "Files")]
    [ValidateNotNullOrEmpty]
    public string? ChangeScriptPath { get; set; }

    /// <summary>Replace an existing change script, and write even to a hive that verification finds problems in.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The machine the parameters name (policy files are read-only inputs of status, not targets of a change).</summary>
    protected MachineLocation Location()
    {
        if (PolicyFile is { Length: > 0 })
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-PolicyFile is read by Get-RdsCalStatus; a change writes SYSTEM or SOFTWARE (give -SoftwareHive, and -Policy to write the local policy value)."),
                "PolicyFileNotATarget", ErrorCategory.InvalidArgument, PolicyFile[0]));
        }
        return Named();
    }

    /// <summary>How the change is journalled and written (with RDSCAL_LOCK_WAIT and RDSCAL_LIVE_LOCK, as the CLI reads them).</summary>
    protected ChangeRunOptions RunOptions(IReadOnlyList<string>? readOnlyInputs = null) => new ChangeRunOptions
    {
        JournalPath = Journal is null ? ChangeJournal.DefaultPath : FileSystemPath(Journal),
        ChangeScriptPath = ChangeScriptPath is null ? null : FileSystemPath(ChangeScriptPath),
        ReplaceChangeScript = Force.IsPresent,
        WriteToCorruptHive = Force.IsPresent,
        ReadOnlyInputs = readOnlyInputs ?? [],
    }.WithEnvironment();

    /// <summary>Plans, asks ShouldProcess, then plans again under the locks and applies; writes the change's history item.</summary>
    protected void Change(string action, Func<MachineRegistry, LicensingSnapshot, LicensingPlan> planner, IReadOnlyList<string>? readOnlyInputs = null)
    {
        var machine = Location();
        var options = RunOptions(readOnlyInputs);
        string target = machine.IsLive ? $"{Environment.MachineName} (live registry)" : string.Join(", ", new[] { machine.SystemPath, machine.SoftwarePath }.OfType<string>());
        Guard(target, () =>
        {
            var result = ChangeRun.Execute(machine, options, planner, new Reporter(this, target, action));
            if (result.End == ChangeRunEnd.NothingToDo)
            {
                WriteVerbose("Nothing to change: the registry already holds what was asked.");
            }
            if (result.Recorded is not { } recorded)
            {
                return;
            }
            foreach (string note in recorded.Notes)
            {
                WriteVerbose(note);
            }
            if (result.ServiceUpdate is { } update)
            {
                WriteServiceUpdate(update);
            }
            WriteRecorded(result.Journal, recorded.Id);
        });
    }

    /// <summary>Whether the running service took a live change, worded for PowerShell.</summary>
    protected void WriteServiceUpdate(ServiceUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Taken)
        {
            WriteVerbose($"The running service took the change: WMI {ServiceUpdate.ClassName}.{update.Method} returned 0.");
        }
        else
        {
            WriteWarning($"The registry changed but the running service did not take it: {update.Reason}. The change takes effect after a TermService restart or a reboot of this session host.");
        }
    }

    /// <summary>The library's steps in PowerShell's terms: warnings, then ShouldProcess on the unlocked plan.</summary>
    private sealed class Reporter(ChangeCmdlet cmdlet, string target, string action) : IChangeRunReporter
    {
        public bool ConfirmsBeforeLocking => true;

        public void Started(IReadOnlyList<string> journalWarnings, IReadOnlyList<string> settled) => cmdlet.Report(journalWarnings, settled);

        public void Planned(LicensingPlan plan)
        {
            foreach (var w in plan.WarningTexts)
            {
                cmdlet.WriteWarning(w.Word(CmdletWording.Instance));
            }
            if (plan.LegacyShapesNote is { } legacy)
            {
                cmdlet.WriteWarning($"{legacy}; add -RemoveLegacy to remove them (backed up and undoable).");
            }
        }

        public bool Confirm(LicensingPlan plan) => cmdlet.ShouldProcess(target, $"{action}:{Environment.NewLine}{plan.Changes!.Render().TrimEnd()}");
    }

    /// <summary>Writes the history item of a recorded change.</summary>
    protected void WriteRecorded(ChangeJournal journal, string id)
    {
        if (journal.Find(id) is { } entry)
        {
            WriteObject(HistoryItem.Of(entry));
        }
    }

    /// <summary>Journal warnings and settled runs as PowerShell warnings and verbose lines.</summary>
    protected void Report(IReadOnlyList<string> journalWarnings, IReadOnlyList<string> settled)
    {
        foreach (string w in journalWarnings)
        {
            WriteWarning(w);
        }
        foreach (string note in settled)
        {
            WriteVerbose(note);
        }
    }

    /// <summary>Runs a change, turning the library's typed failures into terminating errors with categories and targets.</summary>
    protected void Guard(string target, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            action();
        }
        catch (ChangeRefusedException e)
        {
            ThrowTerminatingError(ChangeErrors.From(e));
        }
        catch (ChangeConflictException e)
        {
            ThrowTerminatingError(ChangeErrors.From(e, target));
        }
        catch (TargetLockedException e)
        {
            ThrowTerminatingError(ChangeErrors.From(e));
        }
        catch (WriteFailedException e)
        {
            ThrowTerminatingError(ChangeErrors.From(e));
        }
        catch (OutputRefusedException e)
        {
            ThrowTerminatingError(ChangeErrors.From(e));
        }
        catch (CorruptTargetException e)
        {
            ThrowTerminatingError(ChangeErrors.From(e));
        }
        catch (Exception e) when (InputErrors.IsInputFailure(e))
        {
            ThrowTerminatingError(InputErrors.From(e, target));
        }
    }
}

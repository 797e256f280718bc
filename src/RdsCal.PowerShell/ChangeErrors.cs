using System.Management.Automation;
using RdsCal.Licensing.Changes;
using RdsCal.Registry;
using RdsCal.Registry.Changes;

namespace RdsCal.PowerShell;

/// <summary>
/// The library's refusals and change failures worded for PowerShell: the remedy names this module's parameters,
/// and the record's category and target say what was refused and why.
/// </summary>
internal static class ChangeErrors
{
    public static ErrorRecord From(ChangeRefusedException e)
    {
        var refusal = e.Refusal;
        var record = new ErrorRecord(e, $"ChangeRefused.{refusal.Reason}", Category(refusal.Reason), refusal.Target);
        record.ErrorDetails = new ErrorDetails(Text(refusal));
        return record;
    }

    public static ErrorRecord From(ChangeConflictException e, string entryOrTarget)
    {
        var record = new ErrorRecord(e, "RegistryDrifted", ErrorCategory.ResourceUnavailable, entryOrTarget);
        record.ErrorDetails = new ErrorDetails($"The registry is no longer what the plan or the recorded change expects; nothing was changed. Add -Force to write anyway. {string.Join("; ", e.Drift)}");
        return record;
    }

    public static ErrorRecord From(TargetLockedException e) =>
        new(e, "TargetLocked", ErrorCategory.ResourceBusy, null);

    public static ErrorRecord From(WriteFailedException e) =>
        new(e, "WriteFailed", ErrorCategory.WriteError, null);

    public static ErrorRecord From(OutputRefusedException e)
    {
        var record = new ErrorRecord(e, $"OutputRefused.{e.Reason}", e.Reason == OutputRefusal.Exists ? ErrorCategory.ResourceExists : ErrorCategory.InvalidArgument, e.Path);
        if (e.Reason == OutputRefusal.Exists)
        {
            record.ErrorDetails = new ErrorDetails($"{e.Path} exists; add -Force to replace it.");
        }
        return record;
    }

    public static ErrorRecord From(CorruptTargetException e)
    {
        var record = new ErrorRecord(e, "TargetCorrupt", ErrorCategory.InvalidData, e.SourcePath);
        record.ErrorDetails = new ErrorDetails($"{e.SourcePath}: {e.Reason}. Add -Force to write anyway.");
        return record;
    }

    /// <summary>The refusal's explanation, then what to give or do in this module's terms.</summary>
    public static string Text(ChangeRefusal refusal) => refusal.Reason switch
    {
        ChangeRefusalReason.SystemNeeded => $"{refusal.Explanation}: give -SystemHive (a SYSTEM hive or .reg export whose Select\\Current names an existing control set).",
        ChangeRefusalReason.SoftwareNeeded => $"{refusal.Explanation}: give -SoftwareHive.",
        ChangeRefusalReason.PolicyGoverns => $"{refusal.Explanation}. Change the GPO, or add -Policy to write the local policy value.",
        ChangeRefusalReason.GraceNoLongerMatters => $"{refusal.Explanation} (Get-RdsCalRule -Explain 1128); add -Lab only on an evaluation host.",
        ChangeRefusalReason.NoLicenseServer => $"{refusal.Explanation} (Set-RdsCalLicenseServer), or add -Lab for an evaluation host.",
        ChangeRefusalReason.ClientStoreOnSessionHost => $"{refusal.Explanation} with Reset-RdsCalClientStore; add -Force only to reset this host's own store as a client.",
        ChangeRefusalReason.JournalNotWritable => $"{refusal.Explanation}; give -Journal with a path in a folder you can write.",
        ChangeRefusalReason.EntryNotFound => $"{refusal.Explanation} (see Get-RdsCalHistory).",
        _ => refusal.Explanation + ".",
    };

    private static ErrorCategory Category(ChangeRefusalReason reason) => reason switch
    {
        ChangeRefusalReason.SystemNeeded or ChangeRefusalReason.SoftwareNeeded or ChangeRefusalReason.ModeNotSettable
            or ChangeRefusalReason.NoServerNamed or ChangeRefusalReason.InvalidServerName => ErrorCategory.InvalidArgument,
        ChangeRefusalReason.JournalNotWritable => ErrorCategory.PermissionDenied,
        ChangeRefusalReason.EntryNotFound or ChangeRefusalReason.NothingToUndo => ErrorCategory.ObjectNotFound,
        ChangeRefusalReason.LiveNeedsWindows => ErrorCategory.NotImplemented,
        _ => ErrorCategory.InvalidOperation,
    };
}

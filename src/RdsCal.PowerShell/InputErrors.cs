using System.Management.Automation;
using RdsCal.Registry;

namespace RdsCal.PowerShell;

/// <summary>
/// Library failures worded for PowerShell: an <see cref="ErrorRecord"/> whose category and target say what
/// went wrong with which input, so <c>-ErrorAction</c>, <c>$Error</c> and <c>CategoryInfo</c> work as usual.
/// </summary>
internal static class InputErrors
{
    /// <summary>True for the failures an input can cause (the rest are bugs and stay exceptions).</summary>
    public static bool IsInputFailure(Exception e) =>
        e is RegistryFormatException or RdsCal.EventLog.EvtxFormatException or IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException or ArgumentException;

    public static ErrorRecord From(Exception e, object? target) => e switch
    {
        RegistryFormatException f => new ErrorRecord(e, "InputCorrupt", ErrorCategory.InvalidData, f.SourcePath ?? target),
        RdsCal.EventLog.EvtxFormatException => new ErrorRecord(e, "InputCorrupt", ErrorCategory.InvalidData, target),
        FileNotFoundException nf => new ErrorRecord(e, "InputMissing", ErrorCategory.ObjectNotFound, nf.FileName ?? target),
        DirectoryNotFoundException => new ErrorRecord(e, "InputMissing", ErrorCategory.ObjectNotFound, target),
        UnauthorizedAccessException => new ErrorRecord(e, "AccessDenied", ErrorCategory.PermissionDenied, target),
        IOException => new ErrorRecord(e, "InputUnreadable", ErrorCategory.ReadError, target),
        InvalidDataException => new ErrorRecord(e, "InputCorrupt", ErrorCategory.InvalidData, target),
        NotSupportedException => new ErrorRecord(e, "NotSupported", ErrorCategory.NotImplemented, target),
        ArgumentException => new ErrorRecord(e, "InvalidArgument", ErrorCategory.InvalidArgument, target),
        _ => new ErrorRecord(e, "Unexpected", ErrorCategory.NotSpecified, target),
    };
}

namespace RdsCal.Licensing.Live;

/// <summary>
/// What happened when rdscal asked the running service to take a registry change through a
/// Win32_TerminalServiceSetting method: the typed outcome the front ends word and the journal records.
/// </summary>
/// <param name="Method">The WMI method, e.g. <c>ChangeMode</c>.</param>
/// <param name="Status">How the call ended.</param>
/// <param name="ReturnValue">The method's ReturnValue when it ran, else null.</param>
/// <param name="Detail">What WMI said when the call did not run (error code and message), else null.</param>
public sealed record ServiceUpdate(string Method, ServiceUpdateStatus Status, uint? ReturnValue = null, string? Detail = null)
{
    /// <summary>The WMI class every method belongs to.</summary>
    public const string ClassName = "Win32_TerminalServiceSetting";

    /// <summary>The WMI namespace of <see cref="ClassName"/>.</summary>
    public const string Namespace = @"root\cimv2\TerminalServices";

    /// <summary>True only when the method ran and returned 0.</summary>
    public bool Taken => Status == ServiceUpdateStatus.Taken;

    /// <summary>Why the running service did not take the change, in words (null when it did).</summary>
    public string? Reason => Status switch
    {
        ServiceUpdateStatus.Taken => null,
        ServiceUpdateStatus.ClassMissing => $"the WMI class {Namespace}:{ClassName} is missing (the Remote Desktop Session Host role is not installed, or no provider serves it){Suffix}",
        ServiceUpdateStatus.AccessDenied => $"WMI denied access (run from an elevated prompt){Suffix}",
        ServiceUpdateStatus.MethodFailed => $"{ClassName}.{Method} returned {ReturnValue}{Suffix}",
        _ => $"WMI is not available{Suffix}",
    };

    private string Suffix => Detail is null ? string.Empty : $": {Detail}";
}

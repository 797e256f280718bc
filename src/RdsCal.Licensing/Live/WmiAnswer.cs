namespace RdsCal.Licensing.Live;

/// <summary>
/// What a WMI query method answered: its out value when it ran and returned 0, else why not. The probe words every
/// status; only <see cref="WmiAnswerStatus.Answered"/> carries a value, so nothing can read as ok without an answer.
/// </summary>
/// <param name="Namespace">The WMI namespace asked (<c>root\cimv2</c>, <c>root\cimv2\TerminalServices</c>).</param>
/// <param name="Class">The WMI class, e.g. <c>Win32_TSLicenseServer</c>.</param>
/// <param name="Method">The method, e.g. <c>GetActivationStatus</c>.</param>
/// <param name="Status">How the call ended.</param>
/// <param name="Value">The method's out value when it answered, else null.</param>
/// <param name="ReturnValue">The method's ReturnValue when it ran, else null.</param>
/// <param name="Detail">What WMI said when the call did not answer (error code, HRESULT and message), else null.</param>
public sealed record WmiAnswer(string Namespace, string Class, string Method, WmiAnswerStatus Status, uint? Value = null, uint? ReturnValue = null, string? Detail = null)
{
    /// <summary>Why there is no value, in words (null when the method answered).</summary>
    public string? Reason => Status switch
    {
        WmiAnswerStatus.Answered => null,
        WmiAnswerStatus.MethodFailed => $"{Class}.{Method} returned {ReturnValue}{Suffix}",
        WmiAnswerStatus.NamespaceMissing => $"the WMI namespace {Namespace} is missing{Suffix}",
        WmiAnswerStatus.ClassMissing => $"the WMI class {Namespace}:{Class} is missing{Suffix}",
        WmiAnswerStatus.AccessDenied => $"WMI denied access to {Class} (administrators only; run elevated, as an administrator of that machine){Suffix}",
        WmiAnswerStatus.RpcUnavailable => $"the RPC server is unavailable (the machine does not answer DCOM/WMI: name, firewall or service){Suffix}",
        WmiAnswerStatus.TimedOut => $"WMI gave no answer in time{Suffix}",
        _ => $"WMI is not available{Suffix}",
    };

    private string Suffix => Detail is null ? string.Empty : $": {Detail}";
}

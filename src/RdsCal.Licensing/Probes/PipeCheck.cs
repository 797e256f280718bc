using System.Globalization;
using RdsCal.Licensing.Live;

namespace RdsCal.Licensing.Probes;

/// <summary>
/// The <c>pipe</c> row: opening <c>\\SERVER\pipe\HYDRALSPIPE</c>, the Remote Desktop Licensing service's pipe, as
/// jagilber's rds-lic-svr-chk.ps1 does (community source: no Microsoft page names the pipe). A TCP port that accepts is
/// not yet proof that the licensing service answers; ok only when the pipe opened.
/// </summary>
internal static class PipeCheck
{
    public static ProbeResult Row(string server, PipeAnswer answer, TimeSpan timeout, long elapsedMs, string ranFrom)
    {
        ArgumentNullException.ThrowIfNull(answer);
        string pipe = $@"\\{server}\pipe\{ILicensingPipe.PipeName}";
        string detail = answer.Detail is null ? string.Empty : $" ({answer.Detail})";
        ProbeResult Row(ProbeOutcome outcome, string evidence) => new(ProbeCheck.Pipe, outcome, evidence, elapsedMs, ranFrom);
        return answer.Status switch
        {
            PipeStatus.Opened => Row(ProbeOutcome.Ok, $"{pipe} opened: the Remote Desktop Licensing service's pipe is listening"),
            PipeStatus.TimedOut => Row(ProbeOutcome.Problem, string.Create(CultureInfo.InvariantCulture,
                $"{pipe} did not open within {timeout.TotalMilliseconds:0} ms: no such pipe (the Remote Desktop Licensing service is not running there) or every instance is busy{detail}")),
            PipeStatus.NotFound => Row(ProbeOutcome.Problem, $"{pipe}: no such pipe: the Remote Desktop Licensing service is not running there, or not installed{detail}"),
            PipeStatus.Unreachable => Row(ProbeOutcome.Problem, $"{pipe}: the server cannot be reached over SMB (named pipes){detail}"),
            PipeStatus.AccessDenied => Row(ProbeOutcome.Unavailable, $"{pipe}: this account was refused (the SMB session or the pipe denied access), so whether the service listens is not known{detail}"),
            PipeStatus.Unavailable => Row(ProbeOutcome.Unavailable, $"{pipe}: not opened: {answer.Detail}"),
            _ => Row(ProbeOutcome.Unavailable, $"{pipe}: could not be opened{detail}"),
        };
    }

    public static ProbeResult Skipped(string why) => new(ProbeCheck.Pipe, ProbeOutcome.Skipped, why, 0);
}

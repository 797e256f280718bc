using System.IO.Pipes;
using System.Runtime.Versioning;

namespace RdsCal.Licensing.Live;

/// <summary>Opens <c>\\SERVER\pipe\HYDRALSPIPE</c> with <see cref="NamedPipeClientStream"/> (SMB, as the account running rdscal).</summary>
[SupportedOSPlatform("windows")]
internal sealed class NamedPipeLicensingPipe : ILicensingPipe
{
    public PipeAnswer Open(string server, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(server);
        try
        {
            using var pipe = new NamedPipeClientStream(server, ILicensingPipe.PipeName, PipeDirection.InOut, PipeOptions.None);
            pipe.Connect((int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue));
            return new PipeAnswer(PipeStatus.Opened);
        }
        catch (TimeoutException e)
        {
            return new PipeAnswer(PipeStatus.TimedOut, e.Message.Trim());
        }
        catch (UnauthorizedAccessException e)
        {
            return new PipeAnswer(PipeStatus.AccessDenied, $"0x{e.HResult:X8}: {e.Message.Trim()}");
        }
        catch (IOException e)
        {
            return new PipeAnswer(PipeAnswer.StatusOf(e.HResult), $"0x{e.HResult:X8}: {e.Message.Trim()}");
        }
    }
}

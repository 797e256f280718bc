using System.Management;
using System.Net;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace RdsCal.Licensing.Live;

/// <summary>
/// The scope every license-server and session-host query opens (packet privacy, which the Remote Desktop classes
/// require), and what each exception System.Management throws means, so method calls and instance reads word a
/// failure alike.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WmiFailure
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <param name="machine">The machine, or "." for this one.</param>
    /// <param name="wmiNamespace">The namespace.</param>
    /// <param name="credential">Another account to connect as, or null for the caller's (WMI refuses one for this machine).</param>
    public static ManagementScope Connect(string machine, string wmiNamespace, NetworkCredential? credential = null)
    {
        var options = new ConnectionOptions
        {
            Impersonation = ImpersonationLevel.Impersonate,
            Authentication = AuthenticationLevel.PacketPrivacy,
            Timeout = Timeout,
        };
        // WMI refuses a user credential for a local connection: this machine is always asked as the caller.
        if (credential is not null && machine != ".")
        {
            options.Username = credential.Domain.Length > 0 ? $"{credential.Domain}\\{credential.UserName}" : credential.UserName;
            options.SecurePassword = credential.SecurePassword;
        }
        var scope = new ManagementScope($@"\\{machine}\{wmiNamespace}", options);
        scope.Connect();
        return scope;
    }

    /// <summary>The status and detail for an exception a WMI call threw, or null when it is not a WMI failure (a bug: let it through).</summary>
    public static (WmiAnswerStatus Status, string Detail)? Classify(Exception e)
    {
        switch (e)
        {
            case ManagementException m:
                var status = m.ErrorCode switch
                {
                    ManagementStatus.InvalidNamespace => WmiAnswerStatus.NamespaceMissing,
                    ManagementStatus.InvalidClass or ManagementStatus.NotFound or ManagementStatus.InvalidMethod => WmiAnswerStatus.ClassMissing,
                    ManagementStatus.AccessDenied or ManagementStatus.PrivilegeNotHeld => WmiAnswerStatus.AccessDenied,
                    ManagementStatus.Timedout => WmiAnswerStatus.TimedOut,
                    _ => WmiAnswerStatus.Unavailable,
                };
                return (status, $"{m.ErrorCode} (0x{(uint)m.ErrorCode:X8}): {m.Message.Trim()}");
            case UnauthorizedAccessException u:
                return (WmiAnswerStatus.AccessDenied, $"0x{u.HResult:X8}: {u.Message.Trim()}");
            case COMException c:
                // 0x800706BA RPC_S_SERVER_UNAVAILABLE: the name does not resolve, the firewall drops DCOM, or the machine is off.
                return (c.HResult == unchecked((int)0x800706BA) ? WmiAnswerStatus.RpcUnavailable : WmiAnswerStatus.Unavailable, $"0x{c.HResult:X8}: {c.Message.Trim()}");
            case DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or PlatformNotSupportedException or InvalidCastException or FormatException:
                // System.Management loads wminet_utils.dll from the .NET Framework folder; a host without it (Wine, Server Core
                // without the feature) cannot reach WMI at all.
                return (WmiAnswerStatus.Unavailable, $"{e.GetType().Name}: {(e.InnerException ?? e).Message.Trim()}");
            default:
                return null;
        }
    }
}

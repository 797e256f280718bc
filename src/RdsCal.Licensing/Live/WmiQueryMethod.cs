using System.Globalization;
using System.Management;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace RdsCal.Licensing.Live;

/// <summary>
/// Calls one WMI query method (one out value) on the first instance of a class, local or remote, with packet privacy
/// (the Remote Desktop classes refuse less), and turns every failure into a <see cref="WmiAnswer"/>.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WmiQueryMethod
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static WmiAnswer Call(string machine, string wmiNamespace, string className, string method, string outName, IReadOnlyList<(string Name, object Value)> arguments)
    {
        WmiAnswer Fail(WmiAnswerStatus status, string detail) => new(wmiNamespace, className, method, status, Detail: detail);
        try
        {
            var scope = new ManagementScope($@"\\{machine}\{wmiNamespace}", new ConnectionOptions
            {
                Impersonation = ImpersonationLevel.Impersonate,
                Authentication = AuthenticationLevel.PacketPrivacy,
                Timeout = Timeout,
            });
            scope.Connect();
            using var searcher = new ManagementObjectSearcher(scope, new SelectQuery(className), new System.Management.EnumerationOptions { Timeout = Timeout });
            using var instances = searcher.Get();
            using var instance = instances.Cast<ManagementObject>().FirstOrDefault();
            if (instance is null)
            {
                return Fail(WmiAnswerStatus.ClassMissing, "no instance");
            }
            using var input = arguments.Count == 0 ? null : instance.GetMethodParameters(method);
            foreach (var (name, value) in arguments)
            {
                input![name] = value;
            }
            using var output = instance.InvokeMethod(method, input, new InvokeMethodOptions { Timeout = Timeout });
            uint returned = Convert.ToUInt32(output["ReturnValue"], CultureInfo.InvariantCulture);
            return returned != 0
                ? new(wmiNamespace, className, method, WmiAnswerStatus.MethodFailed, ReturnValue: returned)
                : new(wmiNamespace, className, method, WmiAnswerStatus.Answered, Convert.ToUInt32(output[outName], CultureInfo.InvariantCulture), returned);
        }
        catch (ManagementException e)
        {
            var status = e.ErrorCode switch
            {
                ManagementStatus.InvalidNamespace => WmiAnswerStatus.NamespaceMissing,
                ManagementStatus.InvalidClass or ManagementStatus.NotFound or ManagementStatus.InvalidMethod => WmiAnswerStatus.ClassMissing,
                ManagementStatus.AccessDenied or ManagementStatus.PrivilegeNotHeld => WmiAnswerStatus.AccessDenied,
                ManagementStatus.Timedout => WmiAnswerStatus.TimedOut,
                _ => WmiAnswerStatus.Unavailable,
            };
            return Fail(status, $"{e.ErrorCode} (0x{(uint)e.ErrorCode:X8}): {e.Message.Trim()}");
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(WmiAnswerStatus.AccessDenied, $"0x{e.HResult:X8}: {e.Message.Trim()}");
        }
        catch (COMException e)
        {
            // 0x800706BA RPC_S_SERVER_UNAVAILABLE: the name does not resolve, the firewall drops DCOM, or the machine is off.
            return Fail(e.HResult == unchecked((int)0x800706BA) ? WmiAnswerStatus.RpcUnavailable : WmiAnswerStatus.Unavailable, $"0x{e.HResult:X8}: {e.Message.Trim()}");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or PlatformNotSupportedException or InvalidCastException or FormatException)
        {
            // System.Management loads wminet_utils.dll from the .NET Framework folder; a host without it (Wine, Server Core
            // without the feature) cannot reach WMI at all.
            return Fail(WmiAnswerStatus.Unavailable, $"{e.GetType().Name}: {(e.InnerException ?? e).Message.Trim()}");
        }
    }
}

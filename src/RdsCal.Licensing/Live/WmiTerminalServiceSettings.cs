using System.Globalization;
using System.Management;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using RdsCal.Licensing.Plans;

namespace RdsCal.Licensing.Live;

/// <summary>
/// Win32_TerminalServiceSetting through System.Management. Every failure (namespace or class missing, access
/// denied, non-zero ReturnValue, WMI not reachable) becomes a typed <see cref="ServiceUpdate"/>; only a method
/// that ran and returned 0 counts as taken.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class WmiTerminalServiceSettings : ITerminalServiceSettings
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public ServiceUpdate Invoke(WmiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Call(call.Method, setting =>
        {
            using var input = setting.GetMethodParameters(call.Method);
            foreach (var (name, value) in call.Arguments)
            {
                input[name] = value is string[] list ? list : Convert.ToUInt32(value, CultureInfo.InvariantCulture);
            }
            return setting.InvokeMethod(call.Method, input, new InvokeMethodOptions { Timeout = Timeout });
        }).Update;
    }

    /// <inheritdoc />
    public GracePeriodQuery GetGracePeriodDays()
    {
        var (update, output) = Call("GetGracePeriodDays", setting => setting.InvokeMethod("GetGracePeriodDays", null, new InvokeMethodOptions { Timeout = Timeout }));
        return new GracePeriodQuery(update.Taken && output?["DaysLeft"] is { } days ? Convert.ToInt32(days, CultureInfo.InvariantCulture) : null, update);
    }

    /// <inheritdoc />
    public WmiAnswer GetTStoLSConnectivityStatus(string server)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(server);
        return WmiQueryMethod.Call(".", ServiceUpdate.Namespace, ServiceUpdate.ClassName, "GetTStoLSConnectivityStatus", "TStoLSConnectivityStatus", [("ServerName", server)]);
    }

    // learn.microsoft.com/windows/win32/termserv/findlicenseservers-win32-terminalservicesetting:
    // [out] Win32_TSDiscoveredLicenseServer LicenseServersList[], [out] uint32 Count.
    /// <inheritdoc />
    public DiscoveredLicenseServers FindLicenseServers()
    {
        try
        {
            var scope = WmiFailure.Connect(".", ServiceUpdate.Namespace);
            using var searcher = new ManagementObjectSearcher(scope, new SelectQuery(ServiceUpdate.ClassName), new System.Management.EnumerationOptions { Timeout = Timeout });
            using var instances = searcher.Get();
            using var setting = instances.Cast<ManagementObject>().FirstOrDefault();
            if (setting is null)
            {
                return DiscoveredLicenseServers.Failed(WmiAnswerStatus.ClassMissing, "no instance");
            }
            using var output = setting.InvokeMethod(DiscoveredLicenseServers.Method, null, new InvokeMethodOptions { Timeout = Timeout });
            uint returned = Convert.ToUInt32(output["ReturnValue"], CultureInfo.InvariantCulture);
            if (returned != 0)
            {
                return new(new WmiAnswer(ServiceUpdate.Namespace, ServiceUpdate.ClassName, DiscoveredLicenseServers.Method, WmiAnswerStatus.MethodFailed, ReturnValue: returned), []);
            }
            var list = (output["LicenseServersList"] as ManagementBaseObject[] ?? []).Select(o => new DiscoveredLicenseServer(
                o["LicenseServer"] as string ?? string.Empty,
                Convert.ToUInt32(o["IsLSAvailable"] ?? 0u, CultureInfo.InvariantCulture),
                Convert.ToUInt32(o["IsAdminOnLS"] ?? 2u, CultureInfo.InvariantCulture),
                Convert.ToUInt32(o["IssuingCALs"] ?? 2u, CultureInfo.InvariantCulture))).Where(d => d.Name.Length > 0).ToList();
            return DiscoveredLicenseServers.Of(list);
        }
        catch (Exception e) when (WmiFailure.Classify(e) is { } failure)
        {
            return DiscoveredLicenseServers.Failed(failure.Status, failure.Detail);
        }
    }

    private static (ServiceUpdate Update, ManagementBaseObject? Output) Call(string method, Func<ManagementObject, ManagementBaseObject> invoke)
    {
        try
        {
            var scope = new ManagementScope(@"\\.\" + ServiceUpdate.Namespace, new ConnectionOptions
            {
                Impersonation = ImpersonationLevel.Impersonate,
                Authentication = AuthenticationLevel.PacketPrivacy,
                EnablePrivileges = true,
                Timeout = Timeout,
            });
            scope.Connect();
            using var searcher = new ManagementObjectSearcher(scope, new SelectQuery(ServiceUpdate.ClassName), new System.Management.EnumerationOptions { Timeout = Timeout });
            using var instances = searcher.Get();
            using var setting = instances.Cast<ManagementObject>().FirstOrDefault();
            if (setting is null)
            {
                return (new ServiceUpdate(method, ServiceUpdateStatus.ClassMissing, Detail: "no instance"), null);
            }
            var output = invoke(setting);
            uint returned = Convert.ToUInt32(output["ReturnValue"], CultureInfo.InvariantCulture);
            return (new ServiceUpdate(method, returned == 0 ? ServiceUpdateStatus.Taken : ServiceUpdateStatus.MethodFailed, returned), output);
        }
        catch (ManagementException e)
        {
            var status = e.ErrorCode switch
            {
                ManagementStatus.InvalidNamespace or ManagementStatus.InvalidClass or ManagementStatus.NotFound or ManagementStatus.InvalidMethod => ServiceUpdateStatus.ClassMissing,
                ManagementStatus.AccessDenied or ManagementStatus.PrivilegeNotHeld => ServiceUpdateStatus.AccessDenied,
                _ => ServiceUpdateStatus.Unavailable,
            };
            return (new ServiceUpdate(method, status, Detail: $"{e.ErrorCode}: {e.Message.Trim()}"), null);
        }
        catch (UnauthorizedAccessException e)
        {
            return (new ServiceUpdate(method, ServiceUpdateStatus.AccessDenied, Detail: e.Message.Trim()), null);
        }
        catch (COMException e)
        {
            return (new ServiceUpdate(method, ServiceUpdateStatus.Unavailable, Detail: $"0x{e.HResult:X8}: {e.Message.Trim()}"), null);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or PlatformNotSupportedException or InvalidCastException or FormatException)
        {
            // System.Management loads wminet_utils.dll from the .NET Framework folder; a host without it (Wine, Server Core
            // without the feature) cannot reach WMI at all.
            return (new ServiceUpdate(method, ServiceUpdateStatus.Unavailable, Detail: $"{e.GetType().Name}: {(e.InnerException ?? e).Message.Trim()}"), null);
        }
    }
}

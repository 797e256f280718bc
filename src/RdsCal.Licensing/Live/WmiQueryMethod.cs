using System.Globalization;
using System.Management;
using System.Net;
using System.Runtime.Versioning;

namespace RdsCal.Licensing.Live;

/// <summary>
/// Calls one WMI query method (one out value) on the first instance of a class, local or remote, with packet privacy
/// (the Remote Desktop classes refuse less), and turns every failure into a <see cref="WmiAnswer"/>.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WmiQueryMethod
{
    public static WmiAnswer Call(string machine, string wmiNamespace, string className, string method, string outName, IReadOnlyList<(string Name, object Value)> arguments, NetworkCredential? credential = null)
    {
        try
        {
            var scope = WmiFailure.Connect(machine, wmiNamespace, credential);
            using var searcher = new ManagementObjectSearcher(scope, new SelectQuery(className), new System.Management.EnumerationOptions { Timeout = WmiFailure.Timeout });
            using var instances = searcher.Get();
            using var instance = instances.Cast<ManagementObject>().FirstOrDefault();
            if (instance is null)
            {
                return new(wmiNamespace, className, method, WmiAnswerStatus.ClassMissing, Detail: "no instance");
            }
            using var input = arguments.Count == 0 ? null : instance.GetMethodParameters(method);
            foreach (var (name, value) in arguments)
            {
                input![name] = value;
            }
            using var output = instance.InvokeMethod(method, input, new InvokeMethodOptions { Timeout = WmiFailure.Timeout });
            uint returned = Convert.ToUInt32(output["ReturnValue"], CultureInfo.InvariantCulture);
            // Boolean out values (IsMember, Allowed) convert to 1 and 0.
            return returned != 0
                ? new(wmiNamespace, className, method, WmiAnswerStatus.MethodFailed, ReturnValue: returned)
                : new(wmiNamespace, className, method, WmiAnswerStatus.Answered, Convert.ToUInt32(output[outName], CultureInfo.InvariantCulture), returned);
        }
        catch (Exception e) when (WmiFailure.Classify(e) is { } failure)
        {
            return new(wmiNamespace, className, method, failure.Status, Detail: failure.Detail);
        }
    }
}

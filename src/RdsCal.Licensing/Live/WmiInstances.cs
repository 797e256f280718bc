using System.Globalization;
using System.Management;
using System.Net;
using System.Runtime.Versioning;

namespace RdsCal.Licensing.Live;

/// <summary>
/// Every instance of one class in the license server's namespace, read with packet privacy (<see cref="WmiFailure.Connect"/>)
/// and each instance disposed once projected; failures are left to the caller's <see cref="WmiFailure.Classify"/>.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WmiInstances
{
    public static List<T> Read<T>(string server, string className, NetworkCredential? credential, Func<ManagementBaseObject, T> project)
    {
        var scope = WmiFailure.Connect(server, ITSLicenseServer.Namespace, credential);
        using var searcher = new ManagementObjectSearcher(scope, new SelectQuery(className), new System.Management.EnumerationOptions { Timeout = WmiFailure.Timeout });
        using var instances = searcher.Get();
        var read = new List<T>();
        foreach (var instance in instances.Cast<ManagementBaseObject>())
        {
            using (instance)
            {
                read.Add(project(instance));
            }
        }
        return read;
    }

    public static uint Number(ManagementBaseObject instance, string property) =>
        Convert.ToUInt32(instance[property] ?? 0u, CultureInfo.InvariantCulture);

    public static string? Text(ManagementBaseObject instance, string property) =>
        instance[property] is string s && s.Length > 0 ? s : null;

    public static DateTimeOffset? Date(ManagementBaseObject instance, string property) =>
        instance[property] is string date && date.Length > 0 ? new DateTimeOffset(ManagementDateTimeConverter.ToDateTime(date)) : null;
}

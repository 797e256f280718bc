using System.Globalization;
using System.Management;
using System.Net;
using System.Runtime.Versioning;

namespace RdsCal.Licensing.Live;

/// <summary>Win32_TSIssuedLicense on a license server (this one: ".") through System.Management, as the account running rdscal or the credential given.</summary>
[SupportedOSPlatform("windows")]
internal sealed class WmiTSIssuedLicense(NetworkCredential? credential = null) : ITSIssuedLicense
{
    public IssuedLicenseList GetIssuedLicenses(string server)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(server);
        try
        {
            var scope = WmiFailure.Connect(server, ITSLicenseServer.Namespace, credential);
            using var searcher = new ManagementObjectSearcher(scope, new SelectQuery(ITSIssuedLicense.ClassName), new System.Management.EnumerationOptions { Timeout = WmiFailure.Timeout });
            using var instances = searcher.Get();
            var licenses = new List<IssuedLicense>();
            foreach (var instance in instances.Cast<ManagementBaseObject>())
            {
                using (instance)
                {
                    licenses.Add(new IssuedLicense(
                        Number(instance, "LicenseId"),
                        Number(instance, "KeyPackId"),
                        Text(instance, "sIssuedToUser"),
                        Text(instance, "sIssuedToComputer"),
                        Text(instance, "sHardwareId"),
                        Number(instance, "LicenseStatus"),
                        Date(instance, "IssueDate"),
                        Date(instance, "ExpirationDate")));
                }
            }
            return IssuedLicenseList.Of(licenses);
        }
        catch (Exception e) when (WmiFailure.Classify(e) is { } failure)
        {
            return IssuedLicenseList.Failed(failure.Status, failure.Detail);
        }
    }

    private static uint Number(ManagementBaseObject instance, string property) =>
        Convert.ToUInt32(instance[property] ?? 0u, CultureInfo.InvariantCulture);

    private static string? Text(ManagementBaseObject instance, string property) =>
        instance[property] is string s && s.Length > 0 ? s : null;

    private static DateTimeOffset? Date(ManagementBaseObject instance, string property) =>
        instance[property] is string date && date.Length > 0 ? new DateTimeOffset(ManagementDateTimeConverter.ToDateTime(date)) : null;
}

using System.Globalization;
using System.Management;
using System.Net;
using System.Runtime.Versioning;

namespace RdsCal.Licensing.Live;

/// <summary>Win32_TSLicenseKeyPack on a remote license server through System.Management, as the account running rdscal or the credential given.</summary>
[SupportedOSPlatform("windows")]
internal sealed class WmiTSLicenseKeyPack(NetworkCredential? credential = null) : ITSLicenseKeyPack
{
    public KeyPackList GetKeyPacks(string server)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(server);
        try
        {
            var scope = WmiFailure.Connect(server, ITSLicenseServer.Namespace, credential);
            using var searcher = new ManagementObjectSearcher(scope, new SelectQuery(ITSLicenseKeyPack.ClassName), new System.Management.EnumerationOptions { Timeout = WmiFailure.Timeout });
            using var instances = searcher.Get();
            var packs = new List<KeyPack>();
            foreach (var instance in instances.Cast<ManagementBaseObject>())
            {
                using (instance)
                {
                    packs.Add(new KeyPack(
                        Number(instance, "KeyPackId"),
                        Number(instance, "KeyPackType"),
                        Number(instance, "ProductType"),
                        Number(instance, "ProductVersionID"),
                        instance["ProductVersion"] as string,
                        Number(instance, "TotalLicenses"),
                        Number(instance, "IssuedLicenses"),
                        Number(instance, "AvailableLicenses"),
                        instance["ExpirationDate"] is string date && date.Length > 0 ? new DateTimeOffset(ManagementDateTimeConverter.ToDateTime(date)) : null,
                        instance["TypeAndModel"] as string));
                }
            }
            return KeyPackList.Of(packs);
        }
        catch (Exception e) when (WmiFailure.Classify(e) is { } failure)
        {
            return KeyPackList.Failed(failure.Status, failure.Detail);
        }
    }

    private static uint Number(ManagementBaseObject instance, string property) =>
        Convert.ToUInt32(instance[property] ?? 0u, CultureInfo.InvariantCulture);
}

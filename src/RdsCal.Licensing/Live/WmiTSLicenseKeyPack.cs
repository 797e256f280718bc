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
            return KeyPackList.Of(WmiInstances.Read(server, ITSLicenseKeyPack.ClassName, credential, instance => new KeyPack(
                WmiInstances.Number(instance, "KeyPackId"),
                WmiInstances.Number(instance, "KeyPackType"),
                WmiInstances.Number(instance, "ProductType"),
                WmiInstances.Number(instance, "ProductVersionID"),
                instance["ProductVersion"] as string,
                WmiInstances.Number(instance, "TotalLicenses"),
                WmiInstances.Number(instance, "IssuedLicenses"),
                WmiInstances.Number(instance, "AvailableLicenses"),
                WmiInstances.Date(instance, "ExpirationDate"),
                instance["TypeAndModel"] as string)));
        }
        catch (Exception e) when (WmiFailure.Classify(e) is { } failure)
        {
            return KeyPackList.Failed(failure.Status, failure.Detail);
        }
    }
}

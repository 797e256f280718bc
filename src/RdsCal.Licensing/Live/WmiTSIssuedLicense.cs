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
            return IssuedLicenseList.Of(WmiInstances.Read(server, ITSIssuedLicense.ClassName, credential, instance => new IssuedLicense(
                WmiInstances.Number(instance, "LicenseId"),
                WmiInstances.Number(instance, "KeyPackId"),
                WmiInstances.Text(instance, "sIssuedToUser"),
                WmiInstances.Text(instance, "sIssuedToComputer"),
                WmiInstances.Text(instance, "sHardwareId"),
                WmiInstances.Number(instance, "LicenseStatus"),
                WmiInstances.Date(instance, "IssueDate"),
                WmiInstances.Date(instance, "ExpirationDate"))));
        }
        catch (Exception e) when (WmiFailure.Classify(e) is { } failure)
        {
            return IssuedLicenseList.Failed(failure.Status, failure.Detail);
        }
    }
}

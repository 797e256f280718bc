using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using RdsCal.Registry;

namespace RdsCal.Licensing.Snapshot;

public static partial class SnapshotReader
{
    private static ClientStoreInfo ReadClientStore(Context ctx)
    {
        var key = ctx.Machine.SoftwareKey(LicensingPaths.ClientStore);
        string basePath = $"HKLM\\SOFTWARE\\{LicensingPaths.ClientStore}";
        if (key is null)
        {
            return new ClientStoreInfo(false, null, [], null);
        }
        var hwid = key.Open("HardwareID")?.GetValue("ClientHWID");
        if (hwid is not null && hwid.Kind != RegistryValueKind.Binary)
        {
            ctx.Unexpect(basePath + "\\HardwareID\\ClientHWID", hwid, "REG_BINARY of 20 bytes");
        }
        var licenses = new List<ClientLicenseInfo>();
        var store = key.OpenSubkey("Store");
        if (store is not null)
        {
            foreach (var entry in store.EnumerateSubkeys())
            {
                var blob = entry.GetValue("ClientLicense");
                byte[] data = blob?.Span.ToArray() ?? [];
                licenses.Add(new ClientLicenseInfo
                {
                    Name = entry.Name,
                    Scope = entry.GetValue("LicenseScope") is { } s ? Ansi(s.Span) : null,
                    Company = entry.GetValue("CompanyName")?.AsString(),
                    ProductId = entry.GetValue("ProductID")?.AsString(),
                    LicenseSize = data.Length,
                    Sha256 = data.Length == 0 ? null : Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant(),
                    Certificate = TryReadCertificate(data),
                    From = new Provenance($"{basePath}\\Store\\{entry.Name}", ctx.SoftwareLabel),
                });
            }
        }
        return new ClientStoreInfo(true, hwid?.Data.Length, licenses, new Provenance(basePath, ctx.SoftwareLabel));
    }

    /// <summary>The X.509 reading of a client license, or null: the layout is undocumented, so "opaque" is normal.</summary>
    internal static CertificateFacts? TryReadCertificate(byte[] data)
    {
        if (data.Length < 16 || data[0] != 0x30)
        {
            return null;
        }
        try
        {
            using var cert = X509CertificateLoader.LoadCertificate(data);
            return new CertificateFacts(cert.Subject, cert.Issuer, new DateTimeOffset(cert.NotBefore.ToUniversalTime()), new DateTimeOffset(cert.NotAfter.ToUniversalTime()));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string Ansi(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        return Encoding.Latin1.GetString(nul < 0 ? bytes : bytes[..nul]);
    }
}

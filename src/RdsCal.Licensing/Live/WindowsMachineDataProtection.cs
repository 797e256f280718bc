using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace RdsCal.Licensing.Live;

/// <summary><c>ProtectedData.Unprotect</c> in <see cref="DataProtectionScope.LocalMachine"/> with no entropy.</summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsMachineDataProtection : IMachineDataProtection
{
    public UnprotectAnswer Unprotect(byte[] blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        try
        {
            return new UnprotectAnswer(ProtectedData.Unprotect(blob, optionalEntropy: null, DataProtectionScope.LocalMachine), null);
        }
        catch (CryptographicException e)
        {
            return new UnprotectAnswer(null, $"0x{e.HResult:X8}: {e.Message.Trim()}");
        }
    }
}

namespace RdsCal.Licensing.Live;

/// <summary>
/// DPAPI in LocalMachine scope with no entropy (CryptUnprotectData), the protection the community tool TSTool finds on
/// the grace-period timebomb (no Microsoft source documents it). A seam so every answer is tested with a fake.
/// </summary>
internal interface IMachineDataProtection
{
    /// <summary>Decrypts <paramref name="blob"/>; never throws for a blob DPAPI refuses.</summary>
    UnprotectAnswer Unprotect(byte[] blob);
}

/// <summary>What DPAPI gave: the plain bytes, or why not.</summary>
/// <param name="Plain">The decrypted bytes, or null.</param>
/// <param name="Failure">Why it could not decrypt (DPAPI's error, or that DPAPI is not here), or null.</param>
/// <param name="Available">False when DPAPI itself is not available here (not Windows).</param>
internal sealed record UnprotectAnswer(byte[]? Plain, string? Failure, bool Available = true);

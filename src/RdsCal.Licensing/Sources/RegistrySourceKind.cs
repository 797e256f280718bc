namespace RdsCal.Licensing.Sources;

/// <summary>Where a machine's registry was read from.</summary>
public enum RegistrySourceKind
{
    /// <summary>A regf hive file, read offline.</summary>
    HiveFile,
    /// <summary>A regedit .reg export.</summary>
    RegFile,
    /// <summary>The running Windows registry.</summary>
    Live,
}

using System.Globalization;
using RdsCal.Licensing.Plans;
using RdsCal.Licensing.Sources;
using RdsCal.Registry;
using RdsCal.Registry.Changes;

namespace RdsCal.Licensing.Changes;

/// <summary>
/// A byte-exact .reg backup of every licensing-related key of a machine (RCM, TermService and TermServLicensing
/// parameters, policy, MSLicensing, RDS role), which restore makes the keys exactly as again.
/// </summary>
public static class LicensingBackup
{
    /// <summary>A new file in <paramref name="folder"/> named <c>rdscal-backup-YYYYMMDDTHHMMSS.reg</c> (UTC now), suffixed when that name is taken.</summary>
    public static string NewFilePath(string folder) => UniqueFileName.For(Path.Combine(Path.GetFullPath(folder),
        $"rdscal-backup-{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}.reg"));

    /// <summary>Writes the backup atomically; returns how many key trees it holds.</summary>
    /// <exception cref="OutputRefusedException">The file exists and <paramref name="output"/> does not allow replacing it, or it is an input.</exception>
    public static int Write(MachineRegistry machine, string path, OutputOptions? output = null)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var keys = LicensingPlanner.LicensingKeys(machine);
        ChangeRecorder.WriteBackup(machine.Root, keys, RegistryRoot.LocalMachine, path, "backup", output);
        return keys.Count;
    }
}

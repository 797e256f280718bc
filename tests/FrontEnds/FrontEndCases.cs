using RdsCal.Licensing;
using RdsCal.Licensing.Sources;

namespace RdsCal.Tests;

/// <summary>
/// One table of changes run through both front ends (the CLI's tests run each row as a command line, the PowerShell
/// module's as a cmdlet line): the library's outcome must be the same whichever front end words it.
/// </summary>
internal static class FrontEndCases
{
    /// <summary>Scenario, CLI arguments, cmdlet line (hives and journal as $args[0..2]), expected outcome.</summary>
    public static TheoryData<string, string[], string, string> Rows => new()
    {
        { "healthy-peruser", ["set-mode", "per-device"], "Set-RdsCalMode PerDevice", "applied: mode PerDevice; servers lic01.contoso.com" },
        { "unconfigured", ["set-servers", "lic01.corp.test"], "Set-RdsCalLicenseServer lic01.corp.test", "applied: mode NotConfigured; servers lic01.corp.test" },
        { "healthy-peruser", ["set-mode", "per-user"], "Set-RdsCalMode PerUser", "nothing to do" },
        { "unconfigured", ["grace", "reset"], "Reset-RdsCalGracePeriod", "refused: NoLicenseServer" },
        { "healthy-peruser", ["grace", "reset"], "Reset-RdsCalGracePeriod", "refused: GraceNoLongerMatters" },
        { "policy-overrides", ["set-mode", "per-device"], "Set-RdsCalMode PerDevice", "refused: PolicyGoverns" },
        { "unconfigured", ["grace", "reset", "--lab"], "Reset-RdsCalGracePeriod -Lab", "applied: mode NotConfigured; servers none" },
    };

    /// <summary>Both files' bytes, to show a refused or empty change wrote nothing.</summary>
    public static byte[] Bytes(string system, string software) => [.. File.ReadAllBytes(system), .. File.ReadAllBytes(software)];

    /// <summary>The effective mode and servers of two hives, as the table states them.</summary>
    public static string After(string system, string software)
    {
        using var machine = MachineRegistry.Open(system, software);
        var s = StatusReport.Create(machine).Snapshot;
        return $"applied: mode {s.Mode.Effective.Name()}; servers {(s.Servers.Effective.Count == 0 ? "none" : string.Join(",", s.Servers.Effective))}";
    }
}

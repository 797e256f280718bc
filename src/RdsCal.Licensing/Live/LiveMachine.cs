using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using RdsCal.Licensing.Sources;
using RdsCal.Registry.Live;

namespace RdsCal.Licensing.Live;

/// <summary>The running Windows machine's registry, read-only, and its WMI grace-period counter.</summary>
[SupportedOSPlatform("windows")]
public static class LiveMachine
{
    /// <summary>Opens HKLM\SYSTEM and HKLM\SOFTWARE of this machine read-only.</summary>
    public static MachineRegistry Open()
    {
        var system = LiveRegistryKey.OpenLocalMachine("SYSTEM");
        var software = LiveRegistryKey.OpenLocalMachine("SOFTWARE");
        return new MachineRegistry(
            new RegistrySource("SYSTEM", RegistrySourceKind.Live, "live", system, owner: system),
            new RegistrySource("SOFTWARE", RegistrySourceKind.Live, "live", software, owner: software));
    }

    /// <summary>
    /// Days left in the grace period from WMI <c>Win32_TerminalServiceSetting.GetGracePeriodDays</c>, or null
    /// when WMI does not answer (not an RD Session Host, or not elevated). Asked through PowerShell's CIM
    /// cmdlets so no WMI library is needed.
    /// </summary>
    public static int? TryGetGracePeriodDays()
    {
        const string script = "(Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TerminalServiceSetting | Invoke-CimMethod -MethodName GetGracePeriodDays).DaysLeft";
        try
        {
            var psi = new ProcessStartInfo("powershell.exe", ["-NoProfile", "-NonInteractive", "-Command", script])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var p = Process.Start(psi);
            if (p is null)
            {
                return null;
            }
            string output = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(30_000))
            {
                p.Kill();
                return null;
            }
            return int.TryParse(output.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int days) ? days : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

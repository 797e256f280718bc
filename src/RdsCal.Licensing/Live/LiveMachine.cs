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
    /// Calls a Win32_TerminalServiceSetting method so the running service applies a setting now; returns null on
    /// success, else why it failed (the registry change stands and takes effect at the next restart).
    /// </summary>
    public static string? Invoke(Plans.WmiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        string args = string.Join("; ", call.Arguments.Select(a => a.Value is string[] list
            ? $"{a.Key} = @({string.Join(",", list.Select(Quote))})"
            : $"{a.Key} = [uint32]{Convert.ToString(a.Value, CultureInfo.InvariantCulture)}"));
        string script = "$s = Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TerminalServiceSetting; "
            + $"$r = Invoke-CimMethod -InputObject $s -MethodName {call.Method} -Arguments @{{ {args} }}; exit $r.ReturnValue";
        var (exit, _, error) = RunPowerShell(script);
        return exit == 0 ? null : $"WMI {call.Method} returned {exit}{(error.Length > 0 ? $": {error.Trim()}" : string.Empty)}";
    }

    private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static (int Exit, string Output, string Error) RunPowerShell(string script)
    {
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
                return (-1, string.Empty, "powershell.exe did not start");
            }
            var error = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(60_000))
            {
                p.Kill();
                return (-1, output, "timed out");
            }
            return (p.ExitCode, output, error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, string.Empty, e.Message);
        }
    }

    /// <summary>
    /// Days left in the grace period from WMI <c>Win32_TerminalServiceSetting.GetGracePeriodDays</c>, or null
    /// when WMI does not answer (not an RD Session Host, or not elevated). Asked through PowerShell's CIM
    /// cmdlets so no WMI library is needed.
    /// </summary>
    public static int? TryGetGracePeriodDays()
    {
        const string script = "(Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TerminalServiceSetting | Invoke-CimMethod -MethodName GetGracePeriodDays).DaysLeft";
        var (exit, output, _) = RunPowerShell(script);
        return exit == 0 && int.TryParse(output.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int days) ? days : null;
    }
}

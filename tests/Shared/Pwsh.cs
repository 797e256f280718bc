using System.Diagnostics;

namespace RdsCal.Tests;

/// <summary>
/// pwsh 7.6.9, the PowerShell dotnet tool, installed once per test process into its temporary root (as
/// scripts/check-shipping.sh installs it), or the one RDSCAL_PWSH names.
/// </summary>
internal static class Pwsh
{
    public const string Version = "7.6.9";

    private static readonly Lazy<string> Installed = new(Install);

    public static string Executable => Installed.Value;

    /// <summary>Runs <paramref name="command"/> (pwsh -Command) and returns its exit code and output.</summary>
    public static (int Exit, string Out, string Err) Command(string command)
    {
        var start = new ProcessStartInfo(Executable);
        foreach (string a in new[] { "-NoProfile", "-NonInteractive", "-Command", command })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        return ExternalTool.Run(start, TimeSpan.FromMinutes(5));
    }

    /// <summary>A PowerShell single-quoted string literal.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Install()
    {
        if (Environment.GetEnvironmentVariable("RDSCAL_PWSH") is { Length: > 0 } given)
        {
            return given;
        }
        string folder = Directory.CreateTempSubdirectory("rdscal-pwsh-").FullName;
        var (exit, output, error) = ExternalTool.Run("dotnet", "tool", "install", "PowerShell", "--version", Version, "--tool-path", folder);
        if (exit != 0)
        {
            throw new InvalidOperationException($"dotnet tool install PowerShell --version {Version} failed: {output}{error}");
        }
        return Path.Combine(folder, OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh");
    }
}

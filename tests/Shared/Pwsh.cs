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
    public static (int Exit, string Out, string Err) Command(string command, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-NoProfile", "-NonInteractive", "-Command", command })
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[k] = v;
        }
        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pwsh did not finish in 5 minutes: {command}");
        }
        return (process.ExitCode, stdout, stderr.Result);
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

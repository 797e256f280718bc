using System.Diagnostics;

namespace RdsCal.Tests;

/// <summary>Runs an independent tool (hivex, reglookup, libregf, libevtx, python-evtx) and captures its output.</summary>
internal static class ExternalTool
{
    public static bool Exists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(d => File.Exists(Path.Combine(d, name)));

    /// <summary>Why a test needing these tools must be skipped here, or null when it can run.</summary>
    public static string? SkipReason(string[] tools) =>
        TestData.Root is null ? "../shared/testdata is absent beside the repository"
        : tools.FirstOrDefault(t => !Exists(t)) is { } missing
            ? $"{missing} is not installed (apt-get install {PackageOf(missing)})"
            : null;

    private static string PackageOf(string tool) => tool switch
    {
        "evtxexport" => "libevtx-utils",
        "evtx_dump.py" => "python3-evtx",
        _ => "libhivex-bin libwin-hivex-perl reglookup libregf-utils",
    };

    public static (int ExitCode, string Stdout, string Stderr) Run(string name, params string[] args)
    {
        var psi = new ProcessStartInfo(name)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout, stderr.Result);
    }
}

/// <summary>A fact that needs test data and external tools; skipped with the reason when either is absent.</summary>
internal sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(params string[] tools) => Skip = ExternalTool.SkipReason(tools);
}

/// <summary>A theory that needs test data and external tools.</summary>
internal sealed class ToolTheoryAttribute : TheoryAttribute
{
    public ToolTheoryAttribute(params string[] tools) => Skip = ExternalTool.SkipReason(tools);
}

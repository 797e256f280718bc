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
        var psi = new ProcessStartInfo(name) { StandardOutputEncoding = System.Text.Encoding.UTF8 };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        return Run(psi, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Runs a prepared start, capturing both streams; past <paramref name="timeout"/> the process tree is killed and a <see cref="TimeoutException"/> thrown.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish in {timeout.TotalSeconds:F0} s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
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

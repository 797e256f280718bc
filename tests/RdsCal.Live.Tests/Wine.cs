using System.Diagnostics;
using RdsCal.Tests;

namespace RdsCal.Live.Tests;

/// <summary>
/// Wine 8 (Debian <c>wine64</c>) and the win-x64 rdscal.exe it runs. The exe is the one
/// scripts/publish-windows.sh builds: taken from RDSCAL_WINDOWS_EXE (CI publishes it once before the tests), else
/// published once per test run into a temporary folder.
/// </summary>
internal static class Wine
{
    private static readonly Lazy<string> PublishedExe = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The wine64 loader, or null when Wine is not installed.</summary>
    public static string? Loader { get; } = new[] { "/usr/lib/wine/wine64", "/usr/lib64/wine/wine64", "/opt/wine-stable/bin/wine64" }
        .Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, "wine64")))
        .FirstOrDefault(File.Exists);

    /// <summary>wineserver, beside the loader.</summary>
    public static string Server => new[] { "wineserver", "wineserver64" }.Select(n => Path.Combine(Path.GetDirectoryName(Loader!)!, n)).FirstOrDefault(File.Exists)
        ?? ExternalToolPath("wineserver") ?? throw new InvalidOperationException("wineserver not found beside wine64");

    /// <summary>Set by CI: Wine and the test data must be there, so a missing piece fails instead of skipping.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("RDSCAL_REQUIRE_WINE") == "1";

    /// <summary>Why the Wine tests cannot run here, or null.</summary>
    public static string? SkipReason =>
        Required ? null
        : Loader is null ? "Wine is not installed (apt-get install wine64); CI sets RDSCAL_REQUIRE_WINE=1 and runs these"
        : TestData.Root is null ? "../shared/testdata is absent beside the repository"
        : null;

    /// <summary>rdscal.exe, published at most once per test run.</summary>
    public static string Exe => PublishedExe.Value;

    /// <summary>The Windows (Z:) path Wine gives a Linux path.</summary>
    public static string WindowsPath(string unixPath) => "Z:" + Path.GetFullPath(unixPath).Replace('/', '\\');

    private static string? ExternalToolPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static string Publish()
    {
        string? given = Environment.GetEnvironmentVariable("RDSCAL_WINDOWS_EXE");
        if (!string.IsNullOrEmpty(given))
        {
            return File.Exists(given) ? Path.GetFullPath(given) : throw new FileNotFoundException($"RDSCAL_WINDOWS_EXE={given}: no such file");
        }
        // Under the test run's temporary root, which is removed when the run ends.
        string dir = Directory.CreateTempSubdirectory("rdscal-exe-").FullName;
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(TestData.RepositoryRoot, "scripts", "publish-windows.sh"));
        psi.ArgumentList.Add(dir);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        string exe = Path.Combine(dir, "rdscal.exe");
        return p.ExitCode == 0 && File.Exists(exe) ? exe : throw new InvalidOperationException($"scripts/publish-windows.sh failed ({p.ExitCode}): {output}{err.Result}");
    }
}

/// <summary>A fact that runs rdscal.exe under Wine; skipped with the reason when Wine or the test data is absent (never in CI).</summary>
internal sealed class WineFactAttribute : FactAttribute
{
    public WineFactAttribute() => Skip = Wine.SkipReason;
}

/// <summary>A theory that runs rdscal.exe under Wine; skipped like <see cref="WineFactAttribute"/>.</summary>
internal sealed class WineTheoryAttribute : TheoryAttribute
{
    public WineTheoryAttribute() => Skip = Wine.SkipReason;
}

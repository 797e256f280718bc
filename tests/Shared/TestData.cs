using System.IO.Compression;

namespace RdsCal.Tests;

/// <summary>
/// Finds ../shared/testdata beside the repository root. Tests that need it use
/// <see cref="TestDataFactAttribute"/>, which skips them with a visible reason when it is absent.
/// </summary>
internal static class TestData
{
    private static readonly Lazy<string?> RootDir = new(FindRoot);

    public static string? Root => RootDir.Value;

    /// <summary>True under CI (CI=true), where a missing ../shared/testdata is a failure, not a skip.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "rdscal.slnx")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException("repository root (rdscal.slnx) not found above the test binaries");
        }
    }

    public static string Path_(params string[] parts) =>
        Path.Combine([Root ?? throw new InvalidOperationException("../shared/testdata is missing"), .. parts]);

    public static string Real(params string[] parts) => Path_(["real", .. parts]);

    public static string Scenario(params string[] parts) => Path_(["scenarios", .. parts]);

    /// <summary>The bytes of a test file, gunzipped when it ends in .gz.</summary>
    public static byte[] Bytes(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return File.ReadAllBytes(path);
        }
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    /// <summary>Copies a test file (gunzipped) into a fresh temporary folder and returns the copy's path.</summary>
    public static string CopyToTemp(string path, string? name = null)
    {
        string dir = Directory.CreateTempSubdirectory("rdscal-test-").FullName;
        string target = Path.Combine(dir, name ?? Path.GetFileName(path).Replace(".gz", string.Empty, StringComparison.Ordinal));
        File.WriteAllBytes(target, Bytes(path));
        return target;
    }

    private static string? FindRoot()
    {
        string? env = Environment.GetEnvironmentVariable("RDSCAL_TESTDATA");
        if (env is not null && Directory.Exists(env))
        {
            return env;
        }
        try
        {
            string candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "testdata"));
            return Directory.Exists(candidate) ? candidate : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>
/// A fact that needs ../shared/testdata; skipped with the reason when it is absent, except in CI (CI=true), where
/// the data must be there: the test then runs and fails on the missing file instead of passing as skipped.
/// </summary>
internal sealed class TestDataFactAttribute : FactAttribute
{
    public TestDataFactAttribute()
    {
        if (TestData.Root is null && !TestData.InCi)
        {
            Skip = "../shared/testdata is absent beside the repository (set RDSCAL_TESTDATA to point at it)";
        }
    }
}

/// <summary>A theory that needs ../shared/testdata; skipped with the reason when it is absent, failing in CI (see <see cref="TestDataFactAttribute"/>).</summary>
internal sealed class TestDataTheoryAttribute : TheoryAttribute
{
    public TestDataTheoryAttribute()
    {
        if (TestData.Root is null && !TestData.InCi)
        {
            Skip = "../shared/testdata is absent beside the repository (set RDSCAL_TESTDATA to point at it)";
        }
    }
}

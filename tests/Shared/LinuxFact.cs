namespace RdsCal.Tests;

/// <summary>
/// A fact about Linux behaviour (named pipes, /dev/full, closed descriptors, file modes); skipped elsewhere, and
/// skipped like <see cref="TestDataFactAttribute"/> when it needs ../shared/testdata and that is absent.
/// </summary>
internal sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute(bool needsTestData = false)
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only";
        }
        else if (needsTestData && TestData.Root is null && !TestData.InCi)
        {
            Skip = "../shared/testdata is absent beside the repository (set RDSCAL_TESTDATA to point at it)";
        }
    }
}

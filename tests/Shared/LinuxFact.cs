namespace RdsCal.Tests;

/// <summary>
/// A fact about Linux behaviour (named pipes, /dev/full, closed descriptors, file modes); skipped elsewhere, and
/// skipped like <see cref="TestDataFactAttribute"/> when it needs ../shared/testdata and that is absent.
/// </summary>
internal sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute(bool needsTestData = false, bool needsRoot = false)
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only";
        }
        else if (needsRoot && !Environment.IsPrivilegedProcess)
        {
            Skip = "needs root (it gives files to another owner)";
        }
        else if (needsTestData && TestData.Root is null && !TestData.InCi)
        {
            Skip = "../shared/testdata is absent beside the repository (set RDSCAL_TESTDATA to point at it)";
        }
    }
}

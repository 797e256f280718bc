namespace RdsCal.Tests;

/// <summary>
/// A fact about what rdscal says where Windows is not (no live registry, no WMI, no event log service):
/// skipped on Windows, where the same call reaches the real thing, so it never reports Passed without running.
/// </summary>
internal sealed class OffWindowsFactAttribute : FactAttribute
{
    public OffWindowsFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "off Windows only: on Windows this reads the live machine";
        }
    }
}

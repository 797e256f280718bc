namespace RdsCal.Registry;

/// <summary>Conversions for Windows FILETIME stamps (100 ns ticks since 1601-01-01 UTC).</summary>
internal static class FileTimes
{
    /// <summary>The date, or null when the stamp is zero or outside what a date can hold.</summary>
    public static DateTimeOffset? ToDate(long fileTime)
    {
        if (fileTime <= 0 || fileTime > DateTime.MaxValue.ToFileTimeUtc())
        {
            return null;
        }
        return new DateTimeOffset(DateTime.FromFileTimeUtc(fileTime), TimeSpan.Zero);
    }
}

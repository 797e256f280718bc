using System.Buffers.Binary;
using System.Globalization;
using RdsCal.Licensing.Live;

namespace RdsCal.Licensing.Snapshot;

/// <summary>How reading the grace period's end date from the timebomb ended.</summary>
public enum GraceEndDateStatus
{
    /// <summary>DPAPI decrypted the value into an 8-byte FILETIME: <see cref="GraceEndDate.End"/> holds it.</summary>
    Decrypted,

    /// <summary>DPAPI refused the value (not protected with this machine's key: a copied or random blob).</summary>
    CannotDecrypt,

    /// <summary>DPAPI decrypted it, but not into 8 bytes (TSTool rejects those too).</summary>
    NotAFileTime,

    /// <summary>The value could not be read from the live registry (it may need the backup privilege).</summary>
    CannotRead,

    /// <summary>DPAPI is not available here (not Windows).</summary>
    Unavailable,
}

/// <summary>
/// The grace period's end date, decrypted from the <c>L$RTMTIMEBOMB_…</c> value with DPAPI (LocalMachine scope, no
/// entropy) into the 8-byte FILETIME inside, as the community tool TSTool reads it: <b>no Microsoft source</b> documents
/// the format (rds-licensing-facts.md section 3, [M]). Live only; offline the date stays unknown.
/// </summary>
/// <param name="Status">How the read ended.</param>
/// <param name="End">The end of the grace period (UTC), when decrypted.</param>
/// <param name="Detail">What DPAPI or the registry said when it did not decrypt, or null.</param>
public sealed record GraceEndDate(GraceEndDateStatus Status, DateTimeOffset? End, string? Detail)
{
    /// <summary>Where the format comes from.</summary>
    public const string SourceNote = "no Microsoft source (TSTool)";

    /// <summary>The result in words, e.g. <c>2026-03-01 12:00 UTC (decrypted timebomb; no Microsoft source (TSTool))</c>.</summary>
    public string Words => Status switch
    {
        GraceEndDateStatus.Decrypted => string.Create(CultureInfo.InvariantCulture, $"{End!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC (DPAPI-decrypted timebomb; {SourceNote})"),
        GraceEndDateStatus.CannotDecrypt => $"cannot decrypt the timebomb with this machine's DPAPI key (a value copied from another machine, or not DPAPI data): {Detail}",
        GraceEndDateStatus.NotAFileTime => $"the timebomb decrypted, but not into an 8-byte FILETIME ({Detail}): no date",
        GraceEndDateStatus.CannotRead => $"the timebomb value could not be read: {Detail}",
        _ => $"unknown: {Detail}",
    };

    /// <summary>
    /// Whether the date and WMI's days left disagree by more than a day (the two are the same service's state read two
    /// ways); null when either is missing.
    /// </summary>
    public string? Disagreement(int? daysLeft, DateTimeOffset now)
    {
        if (End is not { } end || daysLeft is not { } days)
        {
            return null;
        }
        double fromDate = Math.Max(0, (end - now).TotalDays);
        return Math.Abs(fromDate - days) > 1
            ? string.Create(CultureInfo.InvariantCulture, $"they disagree: the date is {fromDate:0.#} day(s) away, GetGracePeriodDays says {days}")
            : null;
    }

    /// <summary>Decrypts <paramref name="blob"/> through <paramref name="dpapi"/>.</summary>
    internal static GraceEndDate Read(byte[] blob, IMachineDataProtection dpapi)
    {
        var answer = dpapi.Unprotect(blob);
        if (!answer.Available)
        {
            return new(GraceEndDateStatus.Unavailable, null, answer.Failure);
        }
        if (answer.Plain is not { } plain)
        {
            return new(GraceEndDateStatus.CannotDecrypt, null, answer.Failure);
        }
        if (plain.Length != 8)
        {
            return new(GraceEndDateStatus.NotAFileTime, null, string.Create(CultureInfo.InvariantCulture, $"{plain.Length} bytes"));
        }
        long fileTime = BinaryPrimitives.ReadInt64LittleEndian(plain);
        // FILETIME: 100 ns ticks since 1601-01-01 UTC; a negative or out-of-range value is no date.
        return fileTime is < 0 or > 2650467743999999999
            ? new(GraceEndDateStatus.NotAFileTime, null, string.Create(CultureInfo.InvariantCulture, $"FILETIME {fileTime} is out of range"))
            : new(GraceEndDateStatus.Decrypted, DateTimeOffset.FromFileTime(fileTime).ToUniversalTime(), null);
    }
}

using System.Buffers.Binary;
using RdsCal.Licensing.Live;
using RdsCal.Licensing.Snapshot;
using RdsCal.Tests;

namespace RdsCal.Licensing.Tests;

/// <summary>The grace period's end date from the timebomb through a fake DPAPI: every answer worded, dates compared.</summary>
public class GraceEndDateTests
{
    private static readonly DateTimeOffset End = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed class FakeDpapi(UnprotectAnswer answer) : IMachineDataProtection
    {
        public List<byte[]> Asked { get; } = [];

        public UnprotectAnswer Unprotect(byte[] blob)
        {
            Asked.Add(blob);
            return answer;
        }
    }

    private static byte[] FileTime(DateTimeOffset date)
    {
        byte[] plain = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(plain, date.ToFileTime());
        return plain;
    }

    [Fact]
    public void A_decrypted_FILETIME_is_the_end_date_and_says_it_has_no_Microsoft_source()
    {
        var dpapi = new FakeDpapi(new UnprotectAnswer(FileTime(End), null));
        byte[] blob = [1, 2, 3];

        var date = GraceEndDate.Read(blob, dpapi);

        Assert.Equal(new GraceEndDate(GraceEndDateStatus.Decrypted, End, null), date);
        Assert.Equal("2026-03-01 12:00 UTC (DPAPI-decrypted timebomb; no Microsoft source (TSTool))", date.Words);
        Assert.Same(blob, Assert.Single(dpapi.Asked));
    }

    [Fact]
    public void A_blob_DPAPI_refuses_is_cannot_decrypt_never_a_date()
    {
        var date = GraceEndDate.Read([0xDE, 0xAD], new FakeDpapi(new UnprotectAnswer(null, "0x8009000B: Key not valid for use in specified state.")));

        Assert.Equal((GraceEndDateStatus.CannotDecrypt, (DateTimeOffset?)null), (date.Status, date.End));
        Assert.Equal("cannot decrypt the timebomb with this machine's DPAPI key (a value copied from another machine, or not DPAPI data): 0x8009000B: Key not valid for use in specified state.", date.Words);
    }

    [Theory]
    [InlineData(7, "7 bytes")]
    [InlineData(16, "16 bytes")]
    public void Plain_text_that_is_not_eight_bytes_is_no_date(int length, string detail)
    {
        var date = GraceEndDate.Read([1], new FakeDpapi(new UnprotectAnswer(new byte[length], null)));

        Assert.Equal(new GraceEndDate(GraceEndDateStatus.NotAFileTime, null, detail), date);
        Assert.Equal($"the timebomb decrypted, but not into an 8-byte FILETIME ({detail}): no date", date.Words);
    }

    [Fact]
    public void A_FILETIME_out_of_range_is_no_date()
    {
        byte[] plain = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(plain, -5);

        var date = GraceEndDate.Read([1], new FakeDpapi(new UnprotectAnswer(plain, null)));

        Assert.Equal(new GraceEndDate(GraceEndDateStatus.NotAFileTime, null, "FILETIME -5 is out of range"), date);
    }

    [OffWindowsFact]
    public void Off_Windows_the_date_is_unknown_because_DPAPI_exists_only_on_Windows()
    {
        var date = GraceEndDate.Read([1, 2, 3], LiveQueries.ThisMachine().DataProtection);

        Assert.Equal(new GraceEndDate(GraceEndDateStatus.Unavailable, null, "DPAPI exists only on Windows"), date);
        Assert.Equal("unknown: DPAPI exists only on Windows", date.Words);
    }

    [Theory]
    [InlineData(10.2, 10, null)]
    [InlineData(10.9, 10, null)]
    [InlineData(30, 10, "they disagree: the date is 30 day(s) away, GetGracePeriodDays says 10")]
    [InlineData(-3, 0, null)]
    [InlineData(-3, 5, "they disagree: the date is 0 day(s) away, GetGracePeriodDays says 5")]
    public void The_date_and_WMIs_days_left_disagree_only_by_more_than_a_day(double daysAway, int daysLeft, string? words)
    {
        var now = End.AddDays(-daysAway);
        var date = new GraceEndDate(GraceEndDateStatus.Decrypted, End, null);

        Assert.Equal(words, date.Disagreement(daysLeft, now));
    }

    [Fact]
    public void Without_a_date_or_days_left_nothing_is_compared()
    {
        Assert.Null(new GraceEndDate(GraceEndDateStatus.CannotDecrypt, null, "x").Disagreement(10, End));
        Assert.Null(new GraceEndDate(GraceEndDateStatus.Decrypted, End, null).Disagreement(null, End));
    }
}

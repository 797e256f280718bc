namespace RdsCal.EventLog.Tests;

/// <summary>What one fuzz input must survive: every record, every field, its XML.</summary>
internal static class EvtxFuzzing
{
    /// <summary>True when the input read to its end, false when it was refused with the typed exception.</summary>
    public static bool ReadEverything(byte[] input)
    {
        try
        {
            using var reader = new EvtxReader(new MemoryStream(input));
            while (reader.ReadNext() is { } r)
            {
                _ = r.ToXml();
                _ = (r.EventId, r.ProviderName, r.TimeCreated, r.UserId, r.Keywords);
                foreach (EventDataItem item in r.Data)
                {
                    _ = item.Value.Text;
                }
            }
            return true;
        }
        catch (EvtxFormatException)
        {
            return false;
        }
    }
}

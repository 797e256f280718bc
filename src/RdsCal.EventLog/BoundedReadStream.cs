namespace RdsCal.EventLog;

/// <summary>
/// A read-only stream that refuses to deliver more than a set number of bytes: a gzip bomb stops with a typed error
/// instead of running for hours. Damaged compressed data becomes an <see cref="EvtxFormatException"/> too.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long limit, string? path) : ForwardReadStream
{
    private long _delivered;

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new EvtxFormatException($"the gzip data is damaged ({e.Message})", _delivered, path, e);
        }
        _delivered += n;
        if (_delivered > limit)
        {
            throw new EvtxFormatException($"the gzip data expands past {limit:N0} bytes: refused as a decompression bomb", limit, path);
        }
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}

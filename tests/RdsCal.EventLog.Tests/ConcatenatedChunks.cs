namespace RdsCal.EventLog.Tests;

/// <summary>
/// A large .evtx made on the fly: a real file's header, then its used chunks over and over, never held whole in
/// memory. It reads as a dirty file many times the size its header counts.
/// </summary>
internal sealed class ConcatenatedChunks : ForwardReadStream
{
    private readonly byte[] _source;
    private readonly int _usedChunks;
    private readonly long _length;
    private long _position;

    public ConcatenatedChunks(byte[] source, long chunks)
    {
        _source = source;
        _usedChunks = Enumerable.Range(0, (source.Length - EvtxFileHeader.Size) / EvtxReader.ChunkSize)
            .TakeWhile(i => source.AsSpan(EvtxFileHeader.Size + (i * EvtxReader.ChunkSize), 8).SequenceEqual("ElfChnk\0"u8))
            .Count();
        _length = EvtxFileHeader.Size + (chunks * EvtxReader.ChunkSize);
    }

    public override int Read(Span<byte> buffer)
    {
        if (_position >= _length)
        {
            return 0;
        }
        int from;
        int available;
        if (_position < EvtxFileHeader.Size)
        {
            from = (int)_position;
            available = EvtxFileHeader.Size - from;
        }
        else
        {
            long inChunks = _position - EvtxFileHeader.Size;
            int chunk = (int)(inChunks / EvtxReader.ChunkSize % _usedChunks);
            int within = (int)(inChunks % EvtxReader.ChunkSize);
            from = EvtxFileHeader.Size + (chunk * EvtxReader.ChunkSize) + within;
            available = EvtxReader.ChunkSize - within;
        }
        int n = Math.Min(buffer.Length, available);
        _source.AsSpan(from, n).CopyTo(buffer);
        _position += n;
        return n;
    }
}

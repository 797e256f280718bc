namespace RdsCal.Cli;

/// <summary>
/// The byte buffer in front of standard output. It starts at 4 KiB and doubles up to 64 KiB as output grows: a
/// short report allocates (and page-faults in) one small block at start-up, a large export still goes out in
/// 64 KiB writes. BufferedStream allocates its whole buffer at the first write. A failed write throws
/// <see cref="StandardOutputLostException"/> once; everything written after it is dropped, because output with a
/// hole in it would look whole to whoever reads it.
/// </summary>
/// <param name="inner">Standard output, or null when it was closed before rdscal started.</param>
internal sealed class StandardOutputBuffer(Stream? inner) : Stream
{
    internal const int FirstSize = 4096;
    internal const int LargestSize = 1 << 16;

    private byte[] _buffer = new byte[FirstSize];
    private int _used;
    private bool _lost;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_lost)
        {
            return;
        }
        while (buffer.Length > 0)
        {
            if (_used == _buffer.Length)
            {
                if (_buffer.Length < LargestSize)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }
                else
                {
                    WriteBuffered();
                }
            }
            int n = Math.Min(buffer.Length, _buffer.Length - _used);
            buffer[..n].CopyTo(_buffer.AsSpan(_used));
            _used += n;
            buffer = buffer[n..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
        WriteBuffered();
        if (!_lost)
        {
            Guard(() => inner?.Flush());
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                WriteBuffered();
            }
            finally
            {
                inner?.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    private void WriteBuffered()
    {
        if (_used > 0 && !_lost)
        {
            int used = _used;
            _used = 0;
            Guard(() =>
            {
                if (inner is null)
                {
                    throw new StandardOutputLostException("it was closed when rdscal started", readerClosed: false);
                }
                inner.Write(_buffer, 0, used);
            });
        }
    }

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _lost = true;
            // EPIPE on Unix; ERROR_BROKEN_PIPE, ERROR_NO_DATA on Windows; ERROR_PIPE_NOT_CONNECTED where the reader
            // is gone before the write (Wine answers so for `rdscal.exe export | head`).
            bool readerClosed = e.HResult is 32 or unchecked((int)0x8007006D) or unchecked((int)0x800700E8) or unchecked((int)0x800700E9);
            throw e as StandardOutputLostException ?? new StandardOutputLostException(e.Message, readerClosed, e);
        }
    }
}

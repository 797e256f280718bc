namespace RdsCal.Cli.Tests;

/// <summary>The growing buffer in front of standard output: every byte once, in order, in blocks of at most 64 KiB.</summary>
public class StandardOutputBufferTests
{
    /// <summary>Records each write it receives.</summary>
    private sealed class RecordingStream : MemoryStream
    {
        public List<int> Writes { get; } = [];

        public int Flushes { get; private set; }

        public bool FailWrites { get; set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (FailWrites)
            {
                throw new IOException("No space left on device");
            }
            Writes.Add(count);
            base.Write(buffer, offset, count);
        }

        public override void Flush() => Flushes++;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(65536)]
    [InlineData(300_001)]
    public void Every_byte_arrives_once_in_order_in_blocks_of_at_most_64_KiB(int total)
    {
        var inner = new RecordingStream();
        var buffer = new StandardOutputBuffer(inner);
        byte[] data = [.. Enumerable.Range(0, total).Select(i => (byte)(i * 7))];
        // Uneven pieces, as a StreamWriter hands them over.
        for (int at = 0, piece = 1; at < total; at += piece, piece = piece * 3 % 10_007 + 1)
        {
            buffer.Write(data, at, Math.Min(piece, total - at));
        }
        Assert.DoesNotContain(inner.Writes, w => w != StandardOutputBuffer.LargestSize);
        buffer.Flush();
        Assert.Equal(data, inner.ToArray());
        Assert.All(inner.Writes, w => Assert.InRange(w, 1, StandardOutputBuffer.LargestSize));
        Assert.Equal(1, inner.Flushes);
    }

    [Fact]
    public void After_a_failed_write_nothing_more_is_written_so_output_with_a_hole_never_looks_whole()
    {
        var inner = new RecordingStream { FailWrites = true };
        var buffer = new StandardOutputBuffer(inner);
        buffer.Write("abc"u8);
        Assert.False(Assert.Throws<StandardOutputLostException>(buffer.Flush).ReaderClosed);
        inner.FailWrites = false;
        buffer.Write("d"u8);
        buffer.Flush();
        Assert.Empty(inner.ToArray());
    }

    [Fact]
    public void Output_closed_before_the_start_fails_the_first_write_that_reaches_it()
    {
        var buffer = new StandardOutputBuffer(null);
        buffer.Write("abc"u8);
        Assert.Equal("it was closed when rdscal started", Assert.Throws<StandardOutputLostException>(buffer.Flush).Message);
    }

    [Fact]
    public void Disposing_writes_what_is_left_and_closes_the_stream_underneath()
    {
        var inner = new RecordingStream();
        using (var writer = new StreamWriter(new StandardOutputBuffer(inner), new System.Text.UTF8Encoding(false), 4096))
        {
            writer.Write("status é");
        }
        Assert.Equal("status é"u8.ToArray(), inner.ToArray());
        Assert.False(inner.CanWrite);
    }
}

namespace RdsCal.Cli;

/// <summary>
/// Standard output could not be written: it was closed before rdscal started (<c>&gt;&amp;-</c>), its reader went away
/// (a closed pipe, as <c>| head</c> does) or its file could not take the data (a full disk).
/// </summary>
internal sealed class StandardOutputLostException : IOException
{
    public StandardOutputLostException(string reason, bool readerClosed, Exception? inner = null)
        : base(reason, inner)
    {
        ReaderClosed = readerClosed;
    }

    /// <summary>The reader at the other end of a pipe closed it: POSIX tools end quietly there (SIGPIPE).</summary>
    public bool ReaderClosed { get; }
}

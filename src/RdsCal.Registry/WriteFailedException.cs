namespace RdsCal.Registry;

/// <summary>
/// Writing failed (disk full, I/O error, a rename refused, a name already taken) while changing files. The message
/// says what state the files were left in: normally that nothing was changed, because the change was rolled back.
/// </summary>
public sealed class WriteFailedException : IOException
{
    /// <summary>Creates the exception.</summary>
    public WriteFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Required by analyzers.</summary>
    public WriteFailedException()
    {
    }

    /// <summary>Required by analyzers.</summary>
    public WriteFailedException(string message)
        : base(message)
    {
    }
}

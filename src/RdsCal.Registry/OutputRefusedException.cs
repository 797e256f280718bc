namespace RdsCal.Registry;

/// <summary>Why an output file was not written.</summary>
public enum OutputRefusal
{
    /// <summary>A regular file is there and replacing it was not asked for.</summary>
    Exists,
    /// <summary>It is one of the command's inputs.</summary>
    IsInput,
    /// <summary>It is a folder.</summary>
    IsFolder,
}

/// <summary>An output file was not written because it would replace what must not be replaced.</summary>
public sealed class OutputRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OutputRefusedException(string path, OutputRefusal reason)
        : base($"{path}: {Describe(reason)}")
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>Required by analyzers.</summary>
    public OutputRefusedException()
        : this(string.Empty, OutputRefusal.Exists)
    {
    }

    /// <summary>Required by analyzers.</summary>
    public OutputRefusedException(string message)
        : base(message)
    {
        Path = string.Empty;
    }

    /// <summary>Required by analyzers.</summary>
    public OutputRefusedException(string message, Exception inner)
        : base(message, inner)
    {
        Path = string.Empty;
    }

    /// <summary>The output path as given.</summary>
    public string Path { get; }

    /// <summary>Why it was refused.</summary>
    public OutputRefusal Reason { get; }

    private static string Describe(OutputRefusal reason) => reason switch
    {
        OutputRefusal.IsInput => "is an input of this command and is never overwritten",
        OutputRefusal.IsFolder => "is a folder, not a file",
        _ => "a file is already there and replacing it was not asked for",
    };
}

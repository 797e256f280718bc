namespace RdsCal.Cli;

/// <summary>Every exit code rdscal returns. Only <see cref="Program"/> maps exceptions to them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Unexpected = 1;
    public const int Usage = 2;
    public const int FindingsAtThreshold = 3;
    public const int CorruptInput = 4;
    public const int AccessDenied = 5;
    public const int InputMissing = 6;
    public const int Refused = 7;
    public const int WriteFailed = 8;

    /// <summary>The command ran to its end (any change it made is in place and journalled) but its output was lost.</summary>
    public const int OutputLost = 9;

    /// <summary>The reader of standard output closed the pipe early: 128 + SIGPIPE, as a shell reports a POSIX tool it ended.</summary>
    public const int ReaderClosed = 141;
}

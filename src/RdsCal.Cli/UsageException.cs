namespace RdsCal.Cli;

/// <summary>The command line asks for something impossible; reported as a usage error (exit 2).</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

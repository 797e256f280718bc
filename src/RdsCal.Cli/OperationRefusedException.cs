namespace RdsCal.Cli;

/// <summary>rdscal declines to do what was asked, for a reason it states (exit 7).</summary>
internal sealed class OperationRefusedException : Exception
{
    public OperationRefusedException(string message)
        : base(message)
    {
    }

    public OperationRefusedException()
    {
    }

    public OperationRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

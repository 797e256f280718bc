namespace RdsCal.Licensing.Changes;

/// <summary>rdscal declines a change for a stated <see cref="Refusal"/>; nothing was changed.</summary>
public sealed class ChangeRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChangeRefusedException(ChangeRefusal refusal)
        : base(refusal?.Explanation)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        Refusal = refusal;
    }

    /// <summary>Required by analyzers.</summary>
    public ChangeRefusedException()
        : this(new ChangeRefusal(ChangeRefusalReason.ModeNotSettable, "refused"))
    {
    }

    /// <summary>Required by analyzers.</summary>
    public ChangeRefusedException(string message)
        : this(new ChangeRefusal(ChangeRefusalReason.ModeNotSettable, message))
    {
    }

    /// <summary>Required by analyzers.</summary>
    public ChangeRefusedException(string message, Exception inner)
        : base(message, inner)
    {
        Refusal = new ChangeRefusal(ChangeRefusalReason.ModeNotSettable, message);
    }

    /// <summary>Why, and about what.</summary>
    public ChangeRefusal Refusal { get; }
}

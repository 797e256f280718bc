namespace RdsCal.Registry.Changes;

/// <summary>A hive rdscal was asked to change fails verification; nothing was written (a front end may offer to write anyway).</summary>
public sealed class CorruptTargetException : RegistryFormatException
{
    /// <summary>Creates the exception from the verifier's findings.</summary>
    public CorruptTargetException(string path, IReadOnlyList<string> problems)
        : base($"{path}: {Describe(problems)}")
    {
        ArgumentNullException.ThrowIfNull(problems);
        SourcePath = path;
        Problems = problems;
        Reason = Describe(problems);
    }

    /// <summary>Required by analyzers.</summary>
    public CorruptTargetException()
        : this(string.Empty, [])
    {
    }

    /// <summary>Required by analyzers.</summary>
    public CorruptTargetException(string message)
        : this(message, [])
    {
    }

    /// <summary>Required by analyzers.</summary>
    public CorruptTargetException(string message, Exception inner)
        : base(message, inner)
    {
        Reason = message;
        Problems = [];
    }

    /// <inheritdoc />
    public override string? SourcePath { get; }

    /// <inheritdoc />
    public override string Reason { get; }

    /// <summary>What the verifier found.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems) =>
        $"verification finds {problems.Count} problem(s) in this hive (first: {(problems.Count > 0 ? problems[0] : "none")}); refusing to write to it: nothing was changed";
}

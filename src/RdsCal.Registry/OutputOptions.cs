namespace RdsCal.Registry;

/// <summary>How a writer may treat the file it is told to write.</summary>
public sealed record OutputOptions
{
    /// <summary>Only new files (and devices or pipes, which are written, never replaced).</summary>
    public static OutputOptions NewFileOnly { get; } = new();

    /// <summary>An existing regular file may be replaced (the user asked for it).</summary>
    public bool ReplaceExisting { get; init; }

    /// <summary>The command's input files: never written, even when <see cref="ReplaceExisting"/> is set.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];
}

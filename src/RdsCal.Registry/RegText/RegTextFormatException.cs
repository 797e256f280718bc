namespace RdsCal.Registry.RegText;

/// <summary>A .reg file is malformed. Carries the 1-based line and column of the problem.</summary>
public sealed class RegTextFormatException : RegistryFormatException
{
    /// <summary>Creates the exception.</summary>
    public RegTextFormatException(string reason, int line, int column, string? path = null)
        : base($"{(path is null ? string.Empty : path + ": ")}line {line}, column {column}: {reason}")
    {
        Line = line;
        Column = column;
        Detail = reason;
        FilePath = path;
    }

    /// <summary>Required by analyzers; prefer the detailed constructor.</summary>
    public RegTextFormatException()
        : this("malformed .reg file", 0, 0)
    {
    }

    /// <summary>Required by analyzers; prefer the detailed constructor.</summary>
    public RegTextFormatException(string message)
        : this(message, 0, 0)
    {
    }

    /// <summary>Required by analyzers; prefer the detailed constructor.</summary>
    public RegTextFormatException(string message, Exception inner)
        : base(message, inner)
    {
        Detail = message;
    }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column (in characters).</summary>
    public int Column { get; }

    /// <summary>The problem without its position.</summary>
    public string Detail { get; }

    /// <summary>The file, when known.</summary>
    public string? FilePath { get; }

    /// <inheritdoc />
    public override string? SourcePath => FilePath;

    /// <inheritdoc />
    public override string Reason => $"line {Line}, column {Column}: {Detail}";

    /// <summary>The same error, naming the file it came from.</summary>
    public RegTextFormatException WithFile(string path) => new(Detail, Line, Column, path);
}

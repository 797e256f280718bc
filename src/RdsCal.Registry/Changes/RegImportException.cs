namespace RdsCal.Registry.Changes;

/// <summary>What is wrong with a .reg file given to <see cref="RegImport"/>.</summary>
public enum RegImportProblem
{
    /// <summary>A key lies outside the prefix that stands for the hive root.</summary>
    KeyOutsidePrefix,

    /// <summary>The file deletes the hive root, which no import can do.</summary>
    DeletesHiveRoot,
}

/// <summary>A .reg file cannot be applied to a hive as it is; nothing was written.</summary>
public sealed class RegImportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RegImportException(string regPath, int line, RegImportProblem problem, string detail)
        : base($"{regPath}: line {line}: {detail}")
    {
        RegPath = regPath;
        Line = line;
        Problem = problem;
    }

    /// <summary>Required by analyzers.</summary>
    public RegImportException()
        : this(string.Empty, 0, RegImportProblem.KeyOutsidePrefix, "cannot be imported")
    {
    }

    /// <summary>Required by analyzers.</summary>
    public RegImportException(string message)
        : base(message)
    {
        RegPath = string.Empty;
    }

    /// <summary>Required by analyzers.</summary>
    public RegImportException(string message, Exception inner)
        : base(message, inner)
    {
        RegPath = string.Empty;
    }

    /// <summary>The .reg file.</summary>
    public string RegPath { get; }

    /// <summary>The line of the statement at fault.</summary>
    public int Line { get; }

    /// <summary>What is wrong.</summary>
    public RegImportProblem Problem { get; }
}

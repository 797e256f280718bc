using RdsCal.Registry;

namespace RdsCal.Licensing.Fleet;

/// <summary>
/// A file given as a <c>status --json</c> report is not one (bad JSON, wrong schema, a field missing). It
/// joins rdscal's corrupt-input family, so every front end reports it as it reports a bad hive.
/// </summary>
public sealed class StatusJsonFormatException : RegistryFormatException
{
    private readonly string _path;
    private readonly string _reason;

    /// <summary>Creates the exception for a file and what is wrong with it.</summary>
    public StatusJsonFormatException(string path, string reason)
        : base($"{path}: {reason}")
    {
        _path = path;
        _reason = reason;
    }

    /// <summary>Required by analyzers.</summary>
    public StatusJsonFormatException()
        : this("status report", "not a status JSON report")
    {
    }

    /// <summary>Required by analyzers.</summary>
    public StatusJsonFormatException(string message)
        : this("status report", message)
    {
    }

    /// <summary>Required by analyzers.</summary>
    public StatusJsonFormatException(string message, Exception inner)
        : base(message, inner)
    {
        _path = "status report";
        _reason = message;
    }

    /// <inheritdoc />
    public override string? SourcePath => _path;

    /// <inheritdoc />
    public override string Reason => _reason;
}

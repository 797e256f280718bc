namespace RdsCal.Registry;

/// <summary>
/// The base of every "this input is corrupt or not what it claims" error in rdscal: hives, .reg files and
/// policy files. (<see cref="InvalidDataException"/> is sealed, so the family roots here.) Each subclass
/// carries the position of the problem.
/// </summary>
public abstract class RegistryFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    protected RegistryFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>The file being read, when known.</summary>
    public abstract string? SourcePath { get; }

    /// <summary>The problem in words, without the file name.</summary>
    public abstract string Reason { get; }
}

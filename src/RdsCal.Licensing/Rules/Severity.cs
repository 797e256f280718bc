namespace RdsCal.Licensing.Rules;

/// <summary>How serious a finding is.</summary>
public enum Severity
{
    /// <summary>Worth knowing; nothing is wrong.</summary>
    Info = 0,
    /// <summary>Likely to cause trouble, or a setting with no effect.</summary>
    Warning = 1,
    /// <summary>Sessions will be (or are being) refused.</summary>
    Error = 2,
}

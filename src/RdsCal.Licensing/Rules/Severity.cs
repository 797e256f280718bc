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

/// <summary>The words every report (JSON, CSV, HTML, rules.md) uses for a severity.</summary>
public static class SeverityNames
{
    /// <summary>"error", "warning" or "info".</summary>
    public static string Of(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };
}

using System.CommandLine;
using RdsCal.Licensing.Rules;

namespace RdsCal.Cli.Commands;

/// <summary>The <c>--fail-on</c> threshold: the least severe finding that makes the exit code 3.</summary>
internal enum FailOn
{
    /// <summary>Findings never change the exit code.</summary>
    None,
    /// <summary>Any finding.</summary>
    Info,
    /// <summary>Warnings and errors.</summary>
    Warning,
    /// <summary>Errors only.</summary>
    Error,
}

/// <summary>The <c>--fail-on</c> option <c>status</c> and <c>fleet</c> share, parsed into <see cref="FailOn"/>.</summary>
internal static class FailOnOption
{
    private static readonly string[] Names = ["error", "warning", "info", "none"];

    public static Option<FailOn> Create(string description)
    {
        var option = new Option<FailOn>("--fail-on")
        {
            Description = description,
            HelpName = string.Join('|', Names),
            DefaultValueFactory = _ => FailOn.None,
            // One line naming the choices, where the default enum parser would list the C# names over
            // several lines; numbers are refused although Enum.TryParse takes them.
            CustomParser = result =>
            {
                string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (Names.Contains(text, StringComparer.OrdinalIgnoreCase) && Enum.TryParse(text, ignoreCase: true, out FailOn value))
                {
                    return value;
                }
                result.AddError($"--fail-on: '{text}' is not one of {string.Join(", ", Names)}");
                return FailOn.None;
            },
        };
        option.CompletionSources.Clear();
        option.CompletionSources.Add(Names);
        return option;
    }

    /// <summary>True when a finding is at least as severe as the threshold.</summary>
    public static bool IsMet(FailOn threshold, IEnumerable<Finding> findings)
    {
        Severity? least = threshold switch
        {
            FailOn.Error => Severity.Error,
            FailOn.Warning => Severity.Warning,
            FailOn.Info => Severity.Info,
            _ => null,
        };
        return least is { } t && findings.Any(f => f.Severity >= t);
    }
}

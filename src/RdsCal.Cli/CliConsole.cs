using System.Text;

namespace RdsCal.Cli;

/// <summary>The writers a command prints to; tests replace them to capture output.</summary>
/// <param name="Out">Results (reports, exports, JSON).</param>
/// <param name="Error">Warnings and errors, one line each.</param>
/// <param name="UseColor">Whether ANSI colour may be written to <paramref name="Out"/>.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool UseColor)
{
    // Before System, whose initializer reads it: static fields are set in the order they are written.
    private static readonly string[] LocaleVariables = ["LC_ALL", "LC_MESSAGES", "LANG"];

    public static CliConsole System { get; } = ForThisProcess();

    /// <summary>
    /// Set once a command has changed a file it was asked to change (a hive, a GPO, the live registry): a report
    /// lost after that must say the change is done rather than end as quietly as an interrupted read.
    /// </summary>
    public bool ChangeApplied { get; set; }

    /// <summary>
    /// Colour only on a terminal that can show it, and never when <c>NO_COLOR</c> is set to anything but
    /// the empty string (the convention at no-color.org).
    /// </summary>
    public static bool ColorAllowed(bool outputRedirected, Func<string, string?> environment) =>
        !outputRedirected && string.IsNullOrEmpty(environment("NO_COLOR")) && environment("TERM") != "dumb";

    public void Warn(string message) => Error.WriteLine($"rdscal: warning: {message}");

    /// <summary>
    /// The charset the locale names, as .NET reads it on Unix for the console's encoding: from the first of
    /// LC_ALL, LC_MESSAGES and LANG that is set, the part after the dot and before any @modifier; null when none
    /// names one (.NET then uses UTF-8).
    /// </summary>
    public static string? LocaleCharset(Func<string, string?> environment)
    {
        string? locale = null;
        foreach (string name in LocaleVariables)
        {
            locale = environment(name);
            if (!string.IsNullOrWhiteSpace(locale))
            {
                break;
            }
        }
        int dot = locale?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        return dot < 0 ? null : locale![(dot + 1)..].Split('@')[0];
    }

    /// <summary>
    /// Whether the locale says UTF-8 (on Unix, where .NET takes the console's encoding from it): deciding that here
    /// spares Console.OutputEncoding's encoding-name lookup at every start. False means: ask the console.
    /// </summary>
    private static bool LocaleSaysUtf8()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }
        string? charset = LocaleCharset(Environment.GetEnvironmentVariable);
        return charset is null || charset.Equals("UTF-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Standard output through a buffer of up to 64 KiB: Console.Out writes every line with its own write() call
    /// (321,000 for one large export). <see cref="Program.Main"/> flushes it before exiting. The buffer is bytes
    /// that grow with the output (<see cref="StandardOutputBuffer"/>) under a small StreamWriter: a
    /// 64 Ki-character StreamWriter allocates 320 KiB up front (its characters and their worst-case UTF-8), which
    /// a short report pays for in page faults at every start. Standard error is written through at once, as
    /// Console.Error is; made here when the output is UTF-8 for the same reason as <see cref="LocaleSaysUtf8"/>.
    /// </summary>
    private static CliConsole ForThisProcess()
    {
        var closed = StandardStreams.FindClosed();
        var console = LocaleSaysUtf8() ? null : Console.OutputEncoding;
        bool utf8 = console is null || console.CodePage == 65001;
        var encoding = utf8 ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) : console!;
        var output = new StreamWriter(new StandardOutputBuffer(closed.Output ? null : StandardStreams.OpenOutput()), encoding, 4096) { AutoFlush = false };
        var error = closed.Error ? TextWriter.Null : utf8 ? TextWriter.Synchronized(new StreamWriter(Console.OpenStandardError(), encoding, 256) { AutoFlush = true }) : Console.Error;
        return new CliConsole(output, error, ColorAllowed(Console.IsOutputRedirected, Environment.GetEnvironmentVariable));
    }
}

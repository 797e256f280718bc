using System.Text;

namespace RdsCal.Cli;

/// <summary>The writers a command prints to; tests replace them to capture output.</summary>
/// <param name="Out">Results (reports, exports, JSON).</param>
/// <param name="Error">Warnings and errors, one line each.</param>
/// <param name="UseColor">Whether ANSI colour may be written to <paramref name="Out"/>.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool UseColor)
{
    public static CliConsole System { get; } = new(
        BufferedStandardOutput(),
        Console.Error,
        ColorAllowed(Console.IsOutputRedirected, Environment.GetEnvironmentVariable));

    /// <summary>
    /// Colour only on a terminal that can show it, and never when <c>NO_COLOR</c> is set to anything but
    /// the empty string (the convention at no-color.org).
    /// </summary>
    public static bool ColorAllowed(bool outputRedirected, Func<string, string?> environment) =>
        !outputRedirected && string.IsNullOrEmpty(environment("NO_COLOR")) && environment("TERM") != "dumb";

    public void Warn(string message) => Error.WriteLine($"rdscal: warning: {message}");

    /// <summary>
    /// Standard output through a 64 KiB buffer: Console.Out writes every line with its own write() call (321,000
    /// for one large export). <see cref="Program.Main"/> flushes it before exiting.
    /// </summary>
    private static StreamWriter BufferedStandardOutput()
    {
        var encoding = Console.OutputEncoding.CodePage == 65001 ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) : Console.OutputEncoding;
        return new StreamWriter(Console.OpenStandardOutput(), encoding, 1 << 16) { AutoFlush = false };
    }
}

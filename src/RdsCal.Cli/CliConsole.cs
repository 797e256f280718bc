namespace RdsCal.Cli;

/// <summary>The writers a command prints to; tests replace them to capture output.</summary>
/// <param name="Out">Results (reports, exports, JSON).</param>
/// <param name="Error">Warnings and errors, one line each.</param>
/// <param name="UseColor">Whether ANSI colour may be written to <paramref name="Out"/>.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool UseColor)
{
    public static CliConsole System { get; } = new(
        Console.Out,
        Console.Error,
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null && Environment.GetEnvironmentVariable("TERM") != "dumb");

    public void Warn(string message) => Error.WriteLine($"rdscal: warning: {message}");
}

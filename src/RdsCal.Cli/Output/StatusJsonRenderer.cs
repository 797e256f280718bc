using RdsCal.Licensing;
using RdsCal.Licensing.Reports;

namespace RdsCal.Cli.Output;

/// <summary>
/// <c>rdscal status --json</c>: the library's <see cref="StatusJsonWriter"/> (the contract, docs/status-json.md),
/// signed with this program's name and version.
/// </summary>
internal static class StatusJsonRenderer
{
    private static readonly string Tool = $"rdscal {typeof(StatusJsonRenderer).Assembly.GetName().Version?.ToString(3)}";

    public static void Render(StatusReport report, TextWriter output) => StatusJsonWriter.Write(report, Tool, output);
}

using RdsCal.Cli;

namespace RdsCal.Cli.Tests;

/// <summary>Runs rdscal in process with captured output.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int exit = Program.Run(args, new CliConsole(o, e, UseColor: false));
        return (exit, o.ToString(), e.ToString());
    }

    public static string Sample(params string[] parts) => Path.Combine([RdsCal.Tests.TestData.RepositoryRoot, "samples", .. parts]);
}

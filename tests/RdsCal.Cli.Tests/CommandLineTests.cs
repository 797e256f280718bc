namespace RdsCal.Cli.Tests;

/// <summary>What users expect of any command line: NO_COLOR, typed options, parser-checked pairs, completion.</summary>
public class CommandLineTests
{
    private static readonly string[] Unconfigured = ["--system", CliRunner.Sample("unconfigured", "SYSTEM.reg"), "--software", CliRunner.Sample("unconfigured", "SOFTWARE.reg")];

    [Theory]
    [InlineData(false, null, "xterm-256color", true)]
    [InlineData(false, "1", "xterm-256color", false)]
    [InlineData(false, "false", "xterm-256color", false)]
    [InlineData(false, "", "xterm-256color", true)]
    [InlineData(false, null, "dumb", false)]
    [InlineData(true, null, "xterm-256color", false)]
    public void Colour_is_off_when_NO_COLOR_is_set_to_anything_or_output_is_redirected(bool redirected, string? noColor, string term, bool expected)
    {
        var environment = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["TERM"] = term };
        Assert.Equal(expected, CliConsole.ColorAllowed(redirected, name => environment.GetValueOrDefault(name)));
    }

    [Theory]
    [InlineData("error", 3)]
    [InlineData("ERROR", 3)]
    [InlineData("Warning", 3)]
    [InlineData("info", 3)]
    [InlineData("none", 0)]
    public void Fail_on_takes_each_severity_in_any_letter_case(string value, int exit)
    {
        var (code, _, err) = CliRunner.Run(["status", .. Unconfigured, "--fail-on", value]);
        Assert.True(code == exit, err);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("2")]
    [InlineData("")]
    public void Fail_on_refuses_any_other_word_in_one_line_before_reading_anything(string value)
    {
        var (code, output, err) = CliRunner.Run("status", "--system", "/nonexistent/SYSTEM", "--fail-on", value);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"rdscal: --fail-on: '{value}' is not one of error, warning, info, none\nrdscal: see 'rdscal --help'\n", err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Fleet_fail_on_is_the_same_enum()
    {
        var (code, _, err) = CliRunner.Run("fleet", "/nonexistent", "--fail-on", "sometimes");
        Assert.Equal(2, code);
        Assert.StartsWith("rdscal: --fail-on: 'sometimes' is not one of", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("20261128T000000Z-abcdef", "--last")]
    public void Undo_needs_exactly_one_of_an_id_and_last_checked_by_the_parser(params string[] args)
    {
        // The journal is never opened: the parser refuses before the command runs.
        string journal = Path.Combine(Path.GetTempPath(), $"rdscal-undo-{Guid.NewGuid():N}", "journal.jsonl");
        var (code, output, err) = CliRunner.Run(["undo", .. args, "--journal", journal]);
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("rdscal: undo: give exactly one of an entry id and --last\n", err.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(journal)));
    }

    [Theory]
    // System.CommandLine offers every name containing the word, those starting with it first; the shell
    // scripts in scripts/completion keep the prefix matches.
    [InlineData("rdscal st", new[] { "status", "history", "restore" })]
    [InlineData("rdscal gr", new[] { "grace" })]
    [InlineData("rdscal status --fail-on ", new[] { "error", "info", "none", "warning" })]
    [InlineData("rdscal status --fail-on w", new[] { "warning" })]
    [InlineData("rdscal fleet --fail-on e", new[] { "error", "none" })]
    public void The_suggest_directive_completes_commands_and_fail_on_values(string line, string[] expected)
    {
        var (code, output, err) = CliRunner.Run($"[suggest:{line.Length}]", line);
        Assert.True(code == 0, err);
        Assert.Equal(expected, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}

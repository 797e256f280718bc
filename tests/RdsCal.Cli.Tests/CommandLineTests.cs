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
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"rdscal: --fail-on: '{value}' is not one of error, warning, info, none\nrdscal: see 'rdscal --help'\n", err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Fleet_fail_on_is_the_same_enum()
    {
        var (code, _, err) = CliRunner.Run("fleet", "/nonexistent", "--fail-on", "sometimes");
        Assert.Equal(ExitCodes.Usage, code);
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
        Assert.Equal(ExitCodes.Usage, code);
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

    [Fact]
    public void Every_command_is_listed_under_the_name_it_is_called_by()
    {
        var console = new CliConsole(TextWriter.Null, TextWriter.Null, UseColor: false);
        Assert.Equal(Program.Commands.Select(c => c.Name), Program.Commands.Select(c => c.Create(console).Name));
        Assert.Equal(Program.Commands.Count, Program.Commands.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Program.Commands.Select(c => c.Name), Program.Tree([], console).Subcommands.Select(c => c.Name));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("gpo")]
    [InlineData("--help")]
    [InlineData("statuss")]
    [InlineData("[suggest:9]")]
    public void Only_a_named_command_is_built_alone_and_anything_else_gets_the_whole_tree(string first)
    {
        var console = new CliConsole(TextWriter.Null, TextWriter.Null, UseColor: false);
        var names = Program.Tree([first, "x"], console).Subcommands.Select(c => c.Name).ToList();
        Assert.Equal(Program.Commands.Any(c => c.Name == first) ? [first] : Program.Commands.Select(c => c.Name).ToList(), names);
    }

    public static TheoryData<string> CommandNames() => new(Program.Commands.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void A_command_built_alone_parses_and_helps_as_in_the_whole_tree(string name)
    {
        (int, string, string) RunWith(string[] args, Func<CliConsole, System.CommandLine.Command> tree)
        {
            var o = new StringWriter();
            var e = new StringWriter();
            var console = new CliConsole(o, e, UseColor: false);
            return (Program.Run(args, console, tree(console)), o.ToString(), e.ToString());
        }
        // Nothing here may run a command: a bare "new" would create a hive in the working folder.
        foreach (string[] args in new[]
        {
            new[] { name, "--help" }, [name, "-?"], [name, "--no-such-option"], [name, "--version"],
            // The help option as System.CommandLine also reads it: with a value, and bundled with other short options.
            [name, "--help=x"], [name, "--help:x"], [name, "-h?"], [name, "-?h"], [name, "-ho"], [name, "x", "/h"],
        })
        {
            var alone = RunWith(args, c => Program.Tree(args, c));
            var whole = RunWith(args, c => Program.Tree([], c));
            Assert.Equal(whole, alone);
        }
    }

    [Theory]
    [InlineData("new", "--forse")]
    [InlineData("gpo", "set", "--mdoe", "per-user")]
    [InlineData("fleet", "--jsn")]
    [InlineData("verify", "-x")]
    public void A_misspelt_option_is_refused_instead_of_becoming_a_file_or_name(params string[] args)
    {
        var (code, output, err) = CliRunner.Run(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(string.Empty, output);
        string bad = args.First(a => a.StartsWith('-'));
        Assert.Contains($"'{bad}' is not one of its options (a file whose name starts with '-' is given as ./{bad} or after --)", err, StringComparison.Ordinal);
        // Where "rdscal new --forse" used to create its hive: the working folder.
        Assert.False(File.Exists(bad) || Directory.Exists(bad));
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData(null, null, "C.UTF-8", "UTF-8")]
    [InlineData(null, null, "en_US.utf8", "utf8")]
    [InlineData(null, null, "de_DE.UTF-8@euro", "UTF-8")]
    [InlineData(null, null, "en_US", null)]
    [InlineData("  ", null, "fr_FR.UTF-8", "UTF-8")]
    [InlineData("C.UTF-8", null, "fr_FR.ISO-8859-1", "UTF-8")]
    [InlineData(null, "fr_FR.ISO-8859-1", "C.UTF-8", "ISO-8859-1")]
    [InlineData(null, null, "fr_FR.ISO-8859-15@euro", "ISO-8859-15")]
    public void The_output_charset_is_read_from_the_locale_as_dotnet_reads_it(string? all, string? messages, string? lang, string? charset)
    {
        var environment = new Dictionary<string, string?> { ["LC_ALL"] = all, ["LC_MESSAGES"] = messages, ["LANG"] = lang };
        Assert.Equal(charset, CliConsole.LocaleCharset(n => environment.GetValueOrDefault(n)));
    }

    [Fact]
    public void A_file_whose_name_starts_with_a_dash_is_given_after_the_double_dash()
    {
        var (code, _, err) = CliRunner.Run("verify", "--", "-no-such-hive");
        // Past the option check: the file itself is missing.
        Assert.Equal(ExitCodes.InputMissing, code);
        Assert.Contains("-no-such-hive: no such file", err, StringComparison.Ordinal);
        Assert.DoesNotContain("is not one of its options", err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("verify", "-no-such-hive").Exit);
    }

    [Fact]
    public void The_help_aliases_the_lazy_tree_looks_for_are_System_CommandLines()
    {
        var help = new System.CommandLine.Help.HelpOption();
        Assert.Equal(Program.HelpAliases.Order(StringComparer.Ordinal), help.Aliases.Append(help.Name).Order(StringComparer.Ordinal));
    }
}

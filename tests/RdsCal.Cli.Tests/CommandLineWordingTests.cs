using RdsCal.Cli.Output;
using RdsCal.Licensing;
using RdsCal.Licensing.Rules;
using RdsCal.Licensing.Sources;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>The CLI words the library's remedies as command lines that its own parser accepts.</summary>
public class CommandLineWordingTests
{
    private static IEnumerable<RemedyText> EveryRuleText() =>
        RuleCatalog.All.SelectMany(r => r.StepTexts.Append(r.RemedyText).Concat(r.HowToTellText is { } t ? [t] : []));

    [Fact]
    public void Every_command_a_rule_names_parses_as_an_rdscal_command_line()
    {
        var console = new CliConsole(TextWriter.Null, TextWriter.Null, UseColor: false);
        var commands = EveryRuleText().SelectMany(t => t.Mentions)
            .Where(m => m.Shape == MentionShape.Command)
            .Select(CommandLineWording.Instance.Mention)
            .Distinct()
            .ToList();
        Assert.True(commands.Count >= 10, $"only {commands.Count} commands named");
        foreach (string line in commands)
        {
            Assert.StartsWith("rdscal ", line, StringComparison.Ordinal);
            // A choice ("per-user|per-device") or two commands at once ("set-mode/set-servers") are read by people, one at a time.
            foreach (string one in Alternatives(line["rdscal ".Length..]))
            {
                string[] args = one.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // A text may name a command without its argument ("'rdscal set-mode' on the RD Session Host"): the admin
                // supplies it. Every command and option name must still be the CLI's own.
                var errors = Program.Tree(args, console).Parse(args).Errors
                    .Where(e => !e.Message.StartsWith("Required argument missing", StringComparison.Ordinal)).ToList();
                Assert.True(errors.Count == 0, $"'rdscal {one}': {string.Join("; ", errors.Select(e => e.Message))}");
            }
        }
    }

    private static IEnumerable<string> Alternatives(string line)
    {
        string[] words = line.Replace(" / ", "/", StringComparison.Ordinal).Split(' ');
        var verbs = words[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (string verb in verbs)
        {
            var rest = words.Skip(1);
            var choice = rest.FirstOrDefault(w => w.Contains('|', StringComparison.Ordinal));
            foreach (string pick in choice is null ? [""] : choice.Split('|'))
            {
                yield return string.Join(' ', new[] { verb }.Concat(rest.Select(w => w == choice ? pick : w)).Where(w => w.Length > 0));
            }
        }
    }

    [Theory]
    [InlineData(MentionShape.Command, "rdscal set-mode per-user")]
    [InlineData(MentionShape.Switches, "")]
    public void A_mode_is_spelt_as_the_set_mode_argument(MentionShape shape, string expected) =>
        Assert.Equal(expected, CommandLineWording.Instance.Mention(new RemedyMention([RemedyAction.SetMode(LicensingMode.PerUser)], shape)));

    [Fact]
    public void Switches_show_only_the_options_that_set_an_action_apart()
    {
        var force = new RemedyAction(RemedyKind.ResetClientStore, RemedyTarget.ConnectingClient) { Force = true };
        Assert.Equal("rdscal client reset --force", CommandLineWording.Instance.Mention(new RemedyMention([force], MentionShape.Command)));
        Assert.Equal("--force", CommandLineWording.Instance.Mention(new RemedyMention([force], MentionShape.Switches)));
        var read = new RemedyAction(RemedyKind.ReadStatus, RemedyTarget.MachineRead) { Inputs = StatusInputs.System | StatusInputs.Security };
        Assert.Equal("--system SYSTEM and --security SECURITY", CommandLineWording.Instance.Mention(new RemedyMention([read], MentionShape.Switches) { Joiner = " and ", ShowValues = true }));
    }

    [Fact]
    public void The_status_report_words_every_remedy_and_keeps_the_typed_action()
    {
        using var machine = MachineRegistry.Open(TestData.Scenario("legacy-shapes", "SYSTEM"), TestData.Scenario("legacy-shapes", "SOFTWARE"));
        var plain = StatusReport.Create(machine);
        var worded = plain.WordedBy(CommandLineWording.Instance);
        var legacy = Assert.Single(worded.Findings, f => f.Action?.Kind == RemedyKind.RemoveLegacyShapes);
        Assert.Contains("'rdscal set-servers NAME...'", legacy.Remedy, StringComparison.Ordinal);
        Assert.Contains("(--remove-legacy)", legacy.Remedy, StringComparison.Ordinal);
        Assert.DoesNotContain(plain.Findings, f => f.Remedy.Contains("'rdscal ", StringComparison.Ordinal));
        Assert.Equal(plain.Findings.Select(f => f.Action), worded.Findings.Select(f => f.Action));
    }
}

namespace RdsCal.Cli.Tests;

public class ExplainCommandTests
{
    [Fact]
    public void Explains_an_event_id_with_numbered_steps()
    {
        var (exit, output, _) = CliRunner.Run("explain", "1130");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("RDS002", output, StringComparison.Ordinal);
        Assert.Contains("  1. ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explains_a_message_given_as_several_words()
    {
        var (exit, output, _) = CliRunner.Run("explain", "no", "Remote", "Desktop", "License", "Servers", "available");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("RDS002", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_text_exits_3_with_a_hint()
    {
        var (exit, output, _) = CliRunner.Run("explain", "printer on fire");
        Assert.Equal(ExitCodes.FindingsAtThreshold, exit);
        Assert.Contains("event ID", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_1128_lists_each_cause_with_how_to_tell_them_apart_and_sources()
    {
        var (exit, output, _) = CliRunner.Run("explain", "1128");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("Event 1128", output, StringComparison.Ordinal);
        Assert.Contains("4 possible causes", output, StringComparison.Ordinal);
        foreach (string code in new[] { "RDS002", "RDS019", "RDS020", "RDS021" })
        {
            Assert.Contains(code + " ", output, StringComparison.Ordinal);
        }
        Assert.Equal(4, output.Split('\n').Count(l => l.StartsWith("  how to tell: ", StringComparison.Ordinal)));
        Assert.Contains("  source: ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1003")]
    [InlineData("1028")]
    public void Client_resets_in_explain_output_name_the_connecting_client(string id)
    {
        var (exit, output, _) = CliRunner.Run("explain", id);
        Assert.Equal(ExitCodes.Ok, exit);
        foreach (string line in output.Split('\n').Where(l => l.Contains("rdscal client reset", StringComparison.Ordinal)))
        {
            Assert.Contains("connecting client", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Explain_list_prints_every_rule_with_code_severity_and_title()
    {
        var (exit, output, _) = CliRunner.Run("explain", "--list");
        Assert.Equal(ExitCodes.Ok, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(RdsCal.Licensing.Rules.RuleCatalog.All.Count, lines.Length);
        Assert.StartsWith("RDS001  error    session host       The Remote Desktop licensing mode is not configured", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("RDS019  error    session host", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_without_a_query_or_with_both_is_a_usage_error()
    {
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("explain").Exit);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("explain", "--list", "1128").Exit);
    }

    [Fact]
    public void The_invented_trial_period_text_is_said_not_to_be_a_windows_message()
    {
        var (exit, output, _) = CliRunner.Run("explain", "The Remote Desktop trial period has expired");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith("This is not a Windows message", output, StringComparison.Ordinal);
        Assert.DoesNotContain("RDS001", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("50280", 1128, "RDS002")]
    [InlineData("50281", 1129, "RDS002")]
    [InlineData("50282", 1130, "RDS002")]
    [InlineData("50283", 1131, "RDS019")]
    [InlineData("50284", 1132, null)]
    [InlineData("50285", 1133, "RDS010")]
    [InlineData("50180", 1028, "RDS019")]
    public void Explains_the_build_17134_ids_with_windows_text_and_sources(string id, int classic, string? rule)
    {
        var (exit, output, _) = CliRunner.Run("explain", id);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.StartsWith($"Event {id} (logged on the session host, log Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin;", output, StringComparison.Ordinal);
        Assert.Contains($"older builds log it as {classic}", output, StringComparison.Ordinal);
        Assert.Contains("  Windows says: \"", output, StringComparison.Ordinal);
        Assert.Contains("  source: termsrv.dll message table", output, StringComparison.Ordinal);
        if (rule is null)
        {
            Assert.Contains("No rdscal rule covers its cause", output, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(rule, output, StringComparison.Ordinal);
        }
    }
}

namespace RdsCal.Cli.Tests;

public class ExplainCommandTests
{
    [Fact]
    public void Explains_an_event_id_with_numbered_steps()
    {
        var (exit, output, _) = CliRunner.Run("explain", "1130");
        Assert.Equal(0, exit);
        Assert.Contains("RDS002", output, StringComparison.Ordinal);
        Assert.Contains("  1. ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explains_a_message_given_as_several_words()
    {
        var (exit, output, _) = CliRunner.Run("explain", "no", "Remote", "Desktop", "License", "Servers", "available");
        Assert.Equal(0, exit);
        Assert.Contains("RDS002", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_text_exits_3_with_a_hint()
    {
        var (exit, output, _) = CliRunner.Run("explain", "printer on fire");
        Assert.Equal(3, exit);
        Assert.Contains("event ID", output, StringComparison.Ordinal);
    }
}

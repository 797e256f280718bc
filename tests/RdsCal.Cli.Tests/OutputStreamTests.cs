using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>Standard output closed before the start, or by its reader part-way: never a crash, never 0 with the output cut.</summary>
public class OutputStreamTests
{
    [LinuxFact]
    public void Help_with_standard_output_closed_says_so_in_one_line_and_ends_with_output_lost()
    {
        var (exit, err) = RdscalProcess.RunInShell("exec \"$@\" >&-", "--help");
        Assert.Equal(ExitCodes.OutputLost, exit);
        Assert.Equal("rdscal: error: standard output: it was closed when rdscal started: the output is incomplete; the command itself had finished ('rdscal history' lists any change it made)", err.TrimEnd());
    }

    [LinuxFact]
    public void Help_with_standard_error_closed_still_succeeds()
    {
        var (exit, err) = RdscalProcess.RunInShell("exec \"$@\" 2>&- > /dev/null", "--help");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Empty(err);
    }

    [LinuxFact]
    public void An_error_with_standard_error_closed_keeps_its_exit_code()
    {
        var (exit, _) = RdscalProcess.RunInShell("exec \"$@\" 2>&- >&-", "status", "--system", "/nonexistent/SYSTEM");
        Assert.Equal(ExitCodes.InputMissing, exit);
    }

    [LinuxFact(needsTestData: true)]
    public void An_export_whose_reader_closes_the_pipe_early_ends_quietly_and_not_with_0()
    {
        // 786 KB of hive: its .reg export is several 64 KiB writes, most of them after head has gone.
        var (exit, err) = RdscalProcess.RunInShell("\"$@\" | head -c100 > /dev/null; exit ${PIPESTATUS[0]}", "export", TestData.Real("regipy", "NTUSER.DAT"));
        Assert.Equal(ExitCodes.ReaderClosed, exit);
        Assert.Empty(err);
    }
}

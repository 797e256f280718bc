using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>
/// Every file rdscal reads goes through one input check (a regular file, within a size its format can have), and
/// nothing is created beside a target that is not a regular file: no hang on a pipe, no device read to the end,
/// no lock file or backups folder inside /dev.
/// </summary>
public class InputCheckTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static (int Exit, string Out, string Err) RunBounded(params string[] args) =>
        Bounded.Run(string.Join(' ', args), Limit, () => CliRunner.Run(args));

    private static void AssertGpoShowAndSetRefuse(string gpo, string file, string reason)
    {
        foreach (string[] args in new[] { new[] { "gpo", "show", gpo }, ["gpo", "set", gpo, "--mode", "per-user"] })
        {
            var (exit, _, err) = RunBounded(args);
            Assert.Equal(ExitCodes.CorruptInput, exit);
            Assert.Equal($"rdscal: error: {file}: {reason}\n", err.ReplaceLineEndings("\n"));
        }
    }

    [LinuxFact]
    public void Gpo_show_and_set_with_a_named_pipe_as_gpt_ini_are_refused_not_waited_on()
    {
        using var dir = new TempFolder();
        AssertGpoShowAndSetRefuse(dir.Path, dir.Fifo("gpt.ini"), "is a named pipe (FIFO), not a file: rdscal reads only regular files");
    }

    [LinuxFact]
    public void A_registry_pol_linked_to_dev_zero_is_refused_before_it_is_read()
    {
        // Was: 4.2 GB read, then OutOfMemoryException.
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("Machine"));
        string pol = Path.Combine(dir.Path, "Machine", "Registry.pol");
        File.CreateSymbolicLink(pol, "/dev/zero");
        AssertGpoShowAndSetRefuse(dir.Path, pol, "is a device, not a file: rdscal reads only regular files");
    }

    [Fact]
    public void A_registry_pol_larger_than_the_format_allows_is_refused_before_it_is_read()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("Machine"));
        string pol = Path.Combine(dir.Path, "Machine", "Registry.pol");
        using (var big = File.Create(pol))
        {
            big.Write("PReg\u0001\0\0\0"u8);
            big.SetLength(RdsCal.Registry.Policy.PolicyFileReader.MaxFileBytes + 1);
        }
        var (exit, _, err) = RunBounded("gpo", "show", dir.Path);
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Equal($"rdscal: error: {pol}: is 67,108,865 bytes, more than a Registry.pol file can be (67,108,864 bytes at most)\n", err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_reg_file_larger_than_its_cap_is_refused_before_it_is_read()
    {
        using var dir = new TempFolder();
        string reg = dir.File("SYSTEM.reg");
        using (var big = File.Create(reg))
        {
            big.Write("Windows Registry Editor Version 5.00\r\n"u8);
            big.SetLength(RdsCal.Registry.RegistryInput.MaxDecompressedBytes + 1);
        }
        var (exit, _, err) = RunBounded("status", "--system", reg);
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Equal($"rdscal: error: {reg}: is 1,073,741,825 bytes, more than a .reg file can be (1,073,741,824 bytes at most)\n", err.ReplaceLineEndings("\n"));
    }

    [LinuxFact]
    public void History_with_a_pipe_or_a_device_as_journal_is_refused_not_read_forever()
    {
        using var dir = new TempFolder();
        string fifo = dir.Fifo("journal.jsonl");
        foreach (var (journal, what) in new[] { (fifo, "is a named pipe (FIFO), not a file: rdscal reads only regular files"), ("/dev/zero", "is a device, not a file: rdscal reads only regular files") })
        {
            var (exit, _, err) = RunBounded("history", "--journal", journal);
            Assert.Equal(ExitCodes.CorruptInput, exit);
            Assert.Equal($"rdscal: error: {journal}: {what}\n", err.ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public void History_with_a_folder_as_journal_says_it_is_a_folder()
    {
        // Was: "no changes recorded", exit 0.
        using var dir = new TempFolder();
        var (exit, output, err) = RunBounded("history", "--journal", dir.Path);
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Empty(output);
        Assert.Equal($"rdscal: error: {dir.Path}: is a folder, not a file\n", err.ReplaceLineEndings("\n"));
    }

    [LinuxFact(needsTestData: true)]
    public void A_change_with_a_device_as_journal_is_refused_and_creates_nothing_beside_it()
    {
        // Was: /dev/null took lock files and a backups folder inside /dev; /dev/zero and /dev/full hung at 5-7 GB.
        using var dir = new TempFolder();
        string system = dir.Copy(TestData.Scenario("unconfigured", "SYSTEM"));
        string software = dir.Copy(TestData.Scenario("unconfigured", "SOFTWARE"));
        byte[] before = File.ReadAllBytes(system);
        bool backupsBefore = Directory.Exists("/dev/backups");
        foreach (string journal in new[] { "/dev/null", "/dev/zero", "/dev/full" })
        {
            string lockFile = $"/dev/.{Path.GetFileName(journal)}.rdscal-lock";
            bool lockBefore = File.Exists(lockFile);
            var (exit, _, err) = RunBounded("set-mode", "per-user", "--system", system, "--software", software, "--journal", journal);
            Assert.Equal(ExitCodes.CorruptInput, exit);
            Assert.Equal($"rdscal: error: {journal}: is a device, not a file: rdscal reads only regular files\n", err.ReplaceLineEndings("\n"));
            Assert.Equal(lockBefore, File.Exists(lockFile));
        }
        Assert.Equal(backupsBefore, Directory.Exists("/dev/backups"));
        Assert.Equal(before, File.ReadAllBytes(system));
    }

    [LinuxFact(needsTestData: true)]
    public void A_change_to_a_hive_that_is_a_named_pipe_is_refused_before_a_lock_file_is_made_beside_it()
    {
        using var dir = new TempFolder();
        string system = dir.Fifo("SYSTEM");
        var (exit, _, err) = RunBounded("import", system, CliRunner.Sample("healthy-perdevice", "SYSTEM.reg"));
        Assert.Equal(ExitCodes.CorruptInput, exit);
        Assert.Equal($"rdscal: error: {system}: is a named pipe (FIFO), not a file: rdscal reads only regular files\n", err.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(Path.Combine(dir.Path, ".SYSTEM.rdscal-lock")));
    }
}

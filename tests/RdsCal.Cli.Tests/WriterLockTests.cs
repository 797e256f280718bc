using System.Globalization;
using RdsCal.Registry.Changes;
using RdsCal.Registry.Policy;
using RdsCal.Tests;

namespace RdsCal.Cli.Tests;

/// <summary>
/// Writers outside the journalled changes (gpo set, import) take the same locks, refuse read-only files as hives
/// are refused, and leave no temporary file the next lock holder does not remove.
/// </summary>
public class WriterLockTests
{
    private const string TsKey = @"Software\Policies\Microsoft\Windows NT\Terminal Services";

    private static string[] Names(string pol) =>
        [.. PolicyFileReader.Load(pol).Where(e => string.Equals(e.KeyPath, TsKey, StringComparison.OrdinalIgnoreCase)).Select(e => e.ValueName).Order(StringComparer.Ordinal)];

    [Fact]
    public void Gpo_set_waits_for_the_lock_another_writer_holds_then_is_refused_and_writes_nothing()
    {
        using var scratch = new TempFolder();
        string gpo = scratch.Folder("gpo");
        using (TargetLock.Acquire(Path.Combine(gpo, "gpt.ini"), TimeSpan.Zero))
        {
            var (exit, _, err) = RdscalProcess.Run(new Dictionary<string, string> { ["RDSCAL_LOCK_WAIT"] = "0.5" }, "gpo", "set", gpo, "--mode", "per-user");
            Assert.Equal(ExitCodes.Refused, exit);
            Assert.Contains($"{Path.Combine(gpo, "gpt.ini")}: another rdscal is changing this file", err, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(Path.Combine(gpo, "gpt.ini")));
        Assert.False(File.Exists(Path.Combine(gpo, "Machine", "Registry.pol")));
    }

    [Fact]
    public async Task Two_gpo_set_runs_at_once_never_lose_a_setting()
    {
        // Was: one of the two settings lost 17 times in 18.
        for (int round = 0; round < 3; round++)
        {
            using var scratch = new TempFolder();
            string gpo = scratch.Folder("gpo");
            var mode = Task.Run(() => RdscalProcess.Run(null, "gpo", "set", gpo, "--mode", "per-user"));
            var servers = Task.Run(() => RdscalProcess.Run(null, "gpo", "set", gpo, "--servers", "lic1.contoso.com"));
            var (modeExit, _, modeErr) = await mode;
            var (serversExit, _, serversErr) = await servers;
            Assert.True(modeExit == ExitCodes.Ok, modeErr);
            Assert.True(serversExit == ExitCodes.Ok, serversErr);
            Assert.Equal(["LicenseServers", "LicensingMode"], Names(Path.Combine(gpo, "Machine", "Registry.pol")));
        }
    }

    [LinuxFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Gpo_set_refuses_a_read_only_gpt_ini_as_a_hive_change_does()
    {
        using var scratch = new TempFolder();
        string gpo = scratch.Folder("gpo");
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("gpo", "set", gpo, "--mode", "per-device").Exit);
        string gpt = Path.Combine(gpo, "gpt.ini");
        byte[] before = File.ReadAllBytes(gpt);
        File.SetUnixFileMode(gpt, UnixFileMode.UserRead);
        var (exit, _, err) = CliRunner.Run("gpo", "set", gpo, "--mode", "per-user");
        Assert.Equal(ExitCodes.AccessDenied, exit);
        Assert.Equal($"rdscal: error: {gpt}: the file is read-only; nothing was changed\n", err.ReplaceLineEndings("\n"));
        Assert.Equal(before, File.ReadAllBytes(gpt));
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(gpt));
    }

    [Fact]
    public void Gpo_set_removes_the_temporary_files_killed_writers_left()
    {
        using var scratch = new TempFolder();
        string gpo = scratch.Folder("gpo");
        string machine = scratch.Folder("gpo", "Machine");
        string[] stale = [Path.Combine(gpo, ".gpt.ini.rdscal-4242-0123456789abcdef.tmp"), Path.Combine(machine, ".Registry.pol.rdscal-4242-0123456789abcdef.tmp")];
        foreach (string f in stale)
        {
            File.WriteAllText(f, "left by a killed run");
        }
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("gpo", "set", gpo, "--mode", "per-user").Exit);
        Assert.All(stale, f => Assert.False(File.Exists(f), f));
    }

    [TestDataFact]
    public void A_killed_import_leaves_a_temporary_hive_that_the_next_import_removes()
    {
        // Was: a full-size .SYSTEM.rdscal-PID.tmp that no later run deleted.
        using var dir = new TempFolder();
        string system = dir.Copy(TestData.Scenario("unconfigured", "SYSTEM"));
        string reg = CliRunner.Sample("healthy-perdevice", "SYSTEM.reg");
        var traced = RdscalProcess.Run(new Dictionary<string, string> { ["RDSCAL_TRACE_STEPS"] = "1" }, "import", system, reg, "--no-backup");
        Assert.True(traced.Exit == 0, traced.Err);
        var steps = traced.Err.Split('\n').Where(l => l.StartsWith("rdscal-step ", StringComparison.Ordinal)).Select(l => l.Split(' ', 3)[2]).ToList();
        int write = steps.IndexOf("hive flush") + 1;
        Assert.True(write > 0, string.Join(", ", steps));
        File.WriteAllBytes(system, TestData.Bytes(TestData.Scenario("unconfigured", "SYSTEM")));
        var killed = RdscalProcess.Run(new Dictionary<string, string> { ["RDSCAL_CRASH_AT"] = write.ToString(CultureInfo.InvariantCulture) }, "import", system, reg);
        Assert.Equal(RdscalProcess.Killed, killed.Exit);
        Assert.Single(Directory.GetFiles(dir.Path, ".SYSTEM.rdscal-*.tmp"));
        var next = RdscalProcess.Run(null, "import", system, reg, "--no-backup");
        Assert.True(next.Exit == 0, next.Err);
        Assert.Empty(Directory.GetFiles(dir.Path, ".SYSTEM.rdscal-*.tmp"));
    }
}
